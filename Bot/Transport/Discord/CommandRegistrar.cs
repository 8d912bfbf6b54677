using CompanionBot.Commands;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Registers the slash commands with one bulk overwrite, only when they changed: the hash of what was last registered
/// (per application) is kept in Discord:CommandHashFile, so restarts do not rewrite commands (or burn the daily cap).
/// </summary>
public sealed class CommandRegistrar(
    ISlashCommands commands,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrar> logger)
{
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken ct)
    {
        var definitions = commands.Registration();
        var hash = CommandHashFile.Hash(applicationId, definitions.ToJsonString());
        var path = options.Value.CommandHashFile;
        if (await CommandHashFile.IsCurrentAsync(path, hash, ct).ConfigureAwait(false))
        {
            TransportLog.CommandsUnchanged(logger);
            return false;
        }
        var result = await api.BulkOverwriteGlobalCommandsAsync(applicationId, definitions, ct).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            TransportLog.CommandsNotRegistered(logger, result.Problem, result.ErrorCode);
            return false;
        }
        await CommandHashFile.RememberAsync(path, hash, ct).ConfigureAwait(false);
        TransportLog.CommandsRegistered(logger, definitions.Count);
        return true;
    }
}
