using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CompanionBot.Commands;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Registers the slash commands with one bulk overwrite, only when they changed: the hash of what was last registered
/// (per application) is kept in Discord:CommandHashFile, so restarts do not rewrite commands (or burn the daily cap).
/// </summary>
public sealed class CommandRegistrar(
    IEnumerable<ICommandHandler> handlers,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrar> logger)
{
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken ct)
    {
        var commands = new JsonArray([.. handlers.Select(h => h.Definition).OrderBy(d => d.Name, StringComparer.Ordinal).Select(ToJson)]);
        var hash = Hash(applicationId, commands.ToJsonString());
        var path = options.Value.CommandHashFile;
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim() == hash)
        {
            logger.LogInformation("Slash commands unchanged; not registering them again");
            return false;
        }
        var result = await api.BulkOverwriteGlobalCommandsAsync(applicationId, commands, ct).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            logger.LogWarning("Registering slash commands failed ({Problem}, code {Code}); will try again on the next start", result.Problem, result.ErrorCode);
            return false;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(path, hash, ct).ConfigureAwait(false);
        logger.LogInformation("Registered {Count} slash command(s)", commands.Count);
        return true;
    }

    public static JsonObject ToJson(CommandDefinition d)
    {
        var json = new JsonObject
        {
            ["name"] = d.Name,
            ["type"] = 1,
            ["description"] = d.Description,
            ["contexts"] = d.AvailableInDms ? new JsonArray(0, 1) : new JsonArray(0),
            ["integration_types"] = new JsonArray(0),
            ["options"] = new JsonArray([.. d.Subcommands.Select(s => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["name"] = s.Name,
                ["description"] = s.Description,
                ["options"] = new JsonArray([.. (s.Options ?? []).Select(Option)]),
            })]),
        };
        if (d.DefaultMemberPermissions is { } bits) json["default_member_permissions"] = bits.ToString(CultureInfo.InvariantCulture);
        return json;
    }

    private static JsonNode Option(CommandOptionDefinition o)
    {
        var json = new JsonObject
        {
            ["type"] = o.Kind switch
            {
                CommandOptionKind.Text => 3,
                CommandOptionKind.Integer => 4,
                CommandOptionKind.Boolean => 5,
                _ => 6,
            },
            ["name"] = o.Name,
            ["description"] = o.Description,
            ["required"] = o.Required,
        };
        if (o.MaxLength is { } max) json["max_length"] = max;
        return json;
    }

    private static string Hash(string applicationId, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(applicationId + "\n" + json)));
}
