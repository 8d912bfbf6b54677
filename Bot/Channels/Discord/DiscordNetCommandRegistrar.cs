using System.Text.Json.Nodes;
using Discord;
using Discord.Rest;
using CompanionBot.Commands;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Registers the catalog's slash commands through Discord.Net with one bulk overwrite, only when they changed (the
/// same hash file as the built-in client, Discord:CommandHashFile). The catalog's registration JSON is the one source:
/// it is read into Discord.Net's builders here, contexts and integration types included.
/// </summary>
public sealed class DiscordNetCommandRegistrar(ISlashCommands commands, IOptions<DiscordOptions> options, ILogger<DiscordNetCommandRegistrar> logger)
{
    public async Task<bool> EnsureRegisteredAsync(DiscordRestClient rest, string applicationId, CancellationToken ct)
    {
        var definitions = commands.Registration();
        var hash = CommandHashFile.Hash(applicationId, definitions.ToJsonString());
        var path = options.Value.CommandHashFile;
        if (await CommandHashFile.IsCurrentAsync(path, hash, ct).ConfigureAwait(false))
        {
            TransportLog.CommandsUnchanged(logger);
            return false;
        }
        try
        {
            await rest.BulkOverwriteGlobalCommands([.. definitions.Select(d => Build(d!))], new RequestOptions { CancelToken = ct }).ConfigureAwait(false);
        }
        catch (global::Discord.Net.HttpException ex)
        {
            TransportLog.CommandsNotRegistered(logger, ex.Reason ?? ex.HttpCode.ToString(), (int?)ex.DiscordCode);
            return false;
        }
        await CommandHashFile.RememberAsync(path, hash, ct).ConfigureAwait(false);
        TransportLog.CommandsRegistered(logger, definitions.Count);
        return true;
    }

    /// <summary>One command of Discord's registration JSON (Application Commands, "Application Command Object") as Discord.Net properties.</summary>
    public static ApplicationCommandProperties Build(JsonNode command)
    {
        var builder = new SlashCommandBuilder()
            .WithName((string)command["name"]!)
            .WithDescription((string)command["description"]!);
        foreach (var option in command["options"]?.AsArray() ?? []) builder.AddOption(Option(option!));
        if (command["default_member_permissions"] is JsonValue permissions && ulong.TryParse((string?)permissions, out var bits))
        {
            builder.WithDefaultMemberPermissions((GuildPermission)bits);
        }
        if (command["contexts"] is JsonArray contexts) builder.WithContextTypes([.. contexts.Select(c => (InteractionContextType)(int)c!)]);
        if (command["integration_types"] is JsonArray installs) builder.WithIntegrationTypes([.. installs.Select(i => (ApplicationIntegrationType)(int)i!)]);
        return builder.Build();
    }

    private static SlashCommandOptionBuilder Option(JsonNode option)
    {
        var builder = new SlashCommandOptionBuilder()
            .WithName((string)option["name"]!)
            .WithDescription((string)option["description"]!)
            .WithType((ApplicationCommandOptionType)(int)option["type"]!);
        if (option["required"] is JsonValue required) builder.WithRequired((bool)required);
        foreach (var choice in option["choices"]?.AsArray() ?? []) builder.AddChoice((string)choice!["name"]!, (string)choice["value"]!);
        foreach (var inner in option["options"]?.AsArray() ?? []) builder.AddOption(Option(inner!));
        return builder;
    }
}
