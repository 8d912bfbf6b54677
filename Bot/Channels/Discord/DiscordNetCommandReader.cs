using System.Globalization;
using Discord;
using Discord.WebSocket;
using CompanionBot.Commands;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// A Discord.Net interaction read into the transport-neutral <see cref="CommandRequest"/> that
/// <see cref="CommandService"/> routes: a slash command (subcommand path, options, an attachment to fetch) or one of
/// our confirmation buttons. The invoker's permission bits are resolved here, in this process, from the guild's roles
/// as GUILD_CREATE and this interaction's member delivered them (Discord.Net keeps no member.permissions), and the
/// command service re-checks them on every moderator command; outside a cached guild they are 0 (no moderator).
/// </summary>
public static class DiscordNetCommandReader
{
    public static InteractionCommand? Read(SocketInteraction interaction, DateTimeOffset at)
    {
        var baseline = new CommandRequest
        {
            Name = "",
            InvokerId = DiscordNetMessages.Id(interaction.User.Id),
            GuildId = interaction.GuildId is { } guild ? DiscordNetMessages.Id(guild) : null,
            PermissionBits = interaction.GuildId is not null && interaction.User is SocketGuildUser member ? member.GuildPermissions.RawValue : 0,
            ChannelId = interaction.ChannelId is { } channel ? DiscordNetMessages.Id(channel) : null,
            At = at,
        };
        switch (interaction)
        {
            case SocketMessageComponent button:
                return CommandConfirmationToken.ToRequest(button.Data.CustomId, baseline) is { } confirmed ? new InteractionCommand(confirmed, null) : null;
            case SocketSlashCommand slash:
                var path = new List<string>();
                var options = new Dictionary<string, string>(StringComparer.Ordinal);
                InteractionAttachment? attachment = null;
                IReadOnlyCollection<SocketSlashCommandDataOption> level = slash.Data.Options;
                while (level.Count > 0)
                {
                    var nested = level.FirstOrDefault(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup);
                    if (nested is not null)
                    {
                        path.Add(nested.Name);
                        level = nested.Options;
                        continue;
                    }
                    foreach (var option in level)
                    {
                        options[option.Name] = Text(option.Value);
                        if (option.Value is IAttachment file) attachment = new InteractionAttachment(file.Url, file.Filename, file.Size);
                    }
                    break;
                }
                return new InteractionCommand(baseline with { Name = slash.Data.Name, Subcommand = string.Join(' ', path), Options = options }, attachment);
            default:
                return null;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IAttachment file => DiscordNetMessages.Id(file.Id),
        IEntity<ulong> entity => DiscordNetMessages.Id(entity.Id),
        IConvertible number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
