using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>The REST side's source-generated log lines (event ids 1200-1299). Tokens never appear: routes are templates.</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Discord {Route} answered an HTML 429 (Cloudflare is blocking this IP): every request pauses for {Seconds:0} s")]
    public static partial void CloudflareBlocked(ILogger logger, string route, double seconds);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Discord rate limit on {Route}: waiting {Seconds:0.###} s (scope {Scope})")]
    public static partial void RateLimited(ILogger logger, string route, double seconds, string scope);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Retrying {Route} after the rate limit")]
    public static partial void RetryingAfterRateLimit(ILogger logger, string route);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Discord answered 401 Unauthorized: the bot token is invalid; REST disabled")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Discord {Route} failed: HTTP {Status}, code {Code}: {Message}")]
    public static partial void Failed(ILogger logger, string route, int status, int? code, string? message);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Discord {Route} did not answer: {Error}")]
    public static partial void NoAnswer(ILogger logger, string route, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Discord {Route}: server trouble (HTTP {Status}, 0 = no answer); retry {Retry} in {Seconds:0.###} s")]
    public static partial void ServerErrorRetry(ILogger logger, string route, int status, int retry, double seconds);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "{Count} invalid Discord requests (401/403/429) in 10 minutes; Discord bans the IP at 10000")]
    public static partial void ManyInvalidRequests(ILogger logger, int count);
}
