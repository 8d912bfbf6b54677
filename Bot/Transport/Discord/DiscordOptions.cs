using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Transport.Discord;

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

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);
}
