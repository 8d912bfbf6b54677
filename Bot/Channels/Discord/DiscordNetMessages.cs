using System.Globalization;
using Discord;
using CompanionBot.Transport.Discord.Payloads;

namespace CompanionBot.Channels.Discord;

/// <summary>A Discord.Net message (live from the gateway or read back from a channel's history) as the handler reads it.</summary>
public static class DiscordNetMessages
{
    public static MessageCreate? Read(IMessage message, ulong? guildId)
    {
        if (message is not IUserMessage user) return null;
        return new MessageCreate(
            Id(message.Id),
            Id(message.Channel?.Id ?? 0),
            guildId is { } g ? Id(g) : null,
            Id(message.Author.Id),
            message.Author.GlobalName ?? message.Author.Username ?? "someone",
            message.Author.IsBot,
            message.Author.IsWebhook || message.Source == MessageSource.Webhook,
            (int)message.Type,
            message.Content ?? "",
            [.. message.MentionedUserIds.Select(Id)],
            user.ReferencedMessage?.Author is { } repliedTo ? Id(repliedTo.Id) : null,
            [.. message.MentionedRoleIds.Select(Id)]);
    }

    /// <summary>The guild a live message's channel belongs to; null in DMs.</summary>
    public static ulong? GuildOf(IChannel? channel) => (channel as IGuildChannel)?.GuildId;

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static ulong Parse(string id) => ulong.Parse(id, CultureInfo.InvariantCulture);

    /// <summary>Mentions never ping (DESIGN: allowed mentions locked on every send), and replies never ping the member.</summary>
    public static AllowedMentions NoMentions() => new(AllowedMentionTypes.None) { MentionRepliedUser = false };
}
