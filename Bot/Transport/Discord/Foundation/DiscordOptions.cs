using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Transport.Discord.Foundation;

/// <summary>Config section "Discord". The token comes from the environment (Discord__Token), never from a file in the repo.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>Secret: never logged. <see cref="SecretRedactor"/> scrubs it from every log line and exception message.</summary>
    public string? Token { get; set; }

    /// <summary>The REST base. The gateway url always comes from GET /gateway/bot, so pointing this elsewhere moves everything.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Total shards; null uses the count Discord recommends in /gateway/bot.</summary>
    [Range(1, 10_000)]
    public int? ShardCount { get; set; }

    /// <summary>The shards this process runs; empty runs all of them.</summary>
    public List<int> ShardIds { get; set; } = [];

    /// <summary>
    /// Ask for the privileged Message Content intent (needed to read guild messages that do not mention the bot). When
    /// Discord refuses it (close 4014) the bot carries on without it rather than stopping.
    /// </summary>
    public bool MessageContentIntent { get; set; } = true;

    /// <summary>REST requests per second across the bot: Discord's default is 50; large bots may be granted more.</summary>
    [Range(1, 100_000)]
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>Guild channels where the bot answers every message, not only mentions and replies.</summary>
    public List<string> AlwaysAnswerChannelIds { get; set; } = [];

    /// <summary>Touched on every heartbeat ACK, for the Docker HEALTHCHECK. Empty disables it.</summary>
    public string HeartbeatFile { get; set; } = "data/heartbeat";

    /// <summary>Each shard's gateway session, so a restart after a crash resumes instead of identifying. Empty disables it.</summary>
    public string SessionFile { get; set; } = "data/discord-session.json";

    /// <summary>Holds the hash of the registered slash commands, so they are only re-registered when they change.</summary>
    [Required]
    public string CommandHashFile { get; set; } = "data/discord-commands.sha256";

    /// <summary>Goes into the required User-Agent: DiscordBot (url, version).</summary>
    [Required]
    [Url]
    public string ProjectUrl { get; set; } = "https://github.com/companionbot/companionbot";

    /// <summary>Which Discord client runs the bot: "builtin" (our own gateway and REST) or "discordnet" (Discord.Net 3.20).</summary>
    [Required]
    [RegularExpression("^(builtin|discordnet)$", ErrorMessage = "Discord:Client must be builtin or discordnet")]
    public string Client { get; set; } = BuiltinClient;

    public const string BuiltinClient = "builtin";
    public const string DiscordNetClient = "discordnet";

    public bool UsesDiscordNet => string.Equals(Client, DiscordNetClient, StringComparison.Ordinal);

    /// <summary>Channels with recent conversations and the last handled message in each (discordnet), for the catch-up after a restart. Empty disables it.</summary>
    public string RecentChannelsFile { get; set; } = "data/discord-recent-channels.json";

    /// <summary>After a start, read again the channels whose last conversation is younger than this many hours.</summary>
    [Range(0, 24 * 14)]
    public int CatchUpHours { get; set; } = 24;

    /// <summary>At most this many channels are read again after a start (the most recent ones).</summary>
    [Range(0, 1_000)]
    public int CatchUpChannels { get; set; } = 50;

    /// <summary>At most this many messages per channel are read again after a start (one page of history).</summary>
    [Range(1, 100)]
    public int CatchUpMessages { get; set; } = 20;

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);
}
