namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// The intents every shard identifies with (Gateway doc, "Gateway Intents"). MESSAGE_CONTENT is privileged and, for
/// verified bots, must be re-approved every year; when Discord refuses it (close 4014) the bot carries on without it:
/// DMs and messages that mention the bot still carry their content (Gateway doc, "Message Content Intent").
/// </summary>
public sealed class GatewayIntents(bool messageContent)
{
    public const int Guilds = 1 << 0;
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;
    public const int MessageContent = 1 << 15;
    public const int WithoutMessageContent = Guilds | GuildMessages | DirectMessages;

    private int _current = messageContent ? WithoutMessageContent | MessageContent : WithoutMessageContent;

    public int Current => Volatile.Read(ref _current);

    /// <summary>True the first time it drops MESSAGE_CONTENT; false when it was not requested (then 4014 is fatal).</summary>
    public bool DropMessageContent()
    {
        var before = Interlocked.And(ref _current, ~MessageContent);
        return (before & MessageContent) != 0;
    }
}
