using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>The transport's own source-generated log lines (event ids 1000-1099).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "GET /gateway/bot failed ({Problem}); trying again in {Seconds:0.#} s")]
    public static partial void DiscoveryFailed(ILogger logger, string problem, double seconds);
}
