namespace CompanionBot.Transport.Discord.Gateway;

public enum AfterClose
{
    Resume,
    Identify,
    Fatal,
}

/// <summary>What to do after the gateway closed the connection with a given code (protocol checklist §1.9).</summary>
public static class CloseCodePolicy
{
    public const int DisallowedIntents = 4014;

    public static (AfterClose Action, string? FixMessage) For(int? code) => code switch
    {
        null => (AfterClose.Resume, null), // dropped without a close frame
        // Gateway doc, "Resuming": a close sent by Discord (even 1000/1001) leaves the session resumable; op 9 says when not
        1000 or 1001 => (AfterClose.Resume, null),
        4000 or 4001 or 4002 or 4008 => (AfterClose.Resume, null),
        4003 or 4005 or 4007 or 4009 => (AfterClose.Identify, null),
        4004 => (AfterClose.Fatal, "Discord rejected the bot token (gateway close 4004): set a valid Discord:Token (environment variable Discord__Token) from the Bot page of the Discord Developer Portal."),
        4010 => (AfterClose.Fatal, "Discord rejected the shard (gateway close 4010): check Discord:ShardIds and Discord:ShardCount."),
        4011 => (AfterClose.Fatal, "Discord requires more shards (gateway close 4011): raise Discord:ShardCount or leave it unset to use Discord's recommendation."),
        4012 => (AfterClose.Fatal, "Discord rejected the gateway API version (gateway close 4012): this build is out of date."),
        4013 => (AfterClose.Fatal, "Discord rejected the intents (gateway close 4013): this build sends invalid intents."),
        4014 => (AfterClose.Fatal, "Discord refused the Message Content intent (gateway close 4014): enable \"Message Content Intent\" under Privileged Gateway Intents on the Bot page of the Discord Developer Portal."),
        _ => (AfterClose.Resume, null),
    };
}
