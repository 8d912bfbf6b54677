using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>The REST side's source-generated log lines (event ids 1200-1299).</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Discord {Route} answered an HTML 429 (Cloudflare is blocking this IP): every request pauses for {Seconds:0} s")]
    public static partial void CloudflareBlocked(ILogger logger, string route, double seconds);
}
