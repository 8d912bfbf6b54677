using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>The gateway's source-generated log lines (event ids 1300-1399).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Shard {Shard}: Discord refused the Message Content intent (close 4014); carrying on without it: DMs and mentions keep their text, other guild messages arrive empty. Enable \"Message Content Intent\" on the Bot page of the Discord Developer Portal, or set Discord:MessageContentIntent=false to silence this")]
    public static partial void MessageContentRefused(ILogger logger, int shard);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Discord:ShardIds ({Ids}) does not include shard 0: Discord delivers every DM to shard 0, so this process receives no DMs")]
    public static partial void NoShardZero(ILogger logger, string ids);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Shard {Shard}: connection ended ({Why})")]
    public static partial void ConnectionStopped(ILogger logger, int shard, string why);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Shard {Shard}: connection ended ({Why}); next: {Next}")]
    public static partial void ConnectionEnded(ILogger logger, int shard, string why, NextStep next);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Shard {Shard}: reconnecting in {Seconds:0.###} s ({Failures} failure(s) in a row)")]
    public static partial void Reconnecting(ILogger logger, int shard, double seconds, int failures);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Ignoring the saved gateway sessions in {Path}: {Error}")]
    public static partial void SessionsUnreadable(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Cannot save the gateway sessions to {Path}: {Error}")]
    public static partial void SessionsNotSaved(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Session start budget used up; waiting {Minutes:0.#} minutes before identifying again")]
    public static partial void SessionStartsUsedUp(ILogger logger, double minutes);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "Cannot touch the heartbeat file {Path}: {Error}")]
    public static partial void HeartbeatFileFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Shard {Shard}: ignoring a gateway frame that is not JSON ({Bytes} bytes)")]
    public static partial void NotJson(ILogger logger, int shard, int bytes);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Trace, Message = "Shard {Shard}: heartbeat ACK after {Ms:0} ms")]
    public static partial void HeartbeatAcked(ILogger logger, int shard, double ms);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Shard {Shard}: resuming session at sequence {Seq}")]
    public static partial void Resuming(ILogger logger, int shard, long? seq);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "Shard {Shard}/{Count}: identifying")]
    public static partial void Identifying(ILogger logger, int shard, int count);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "Shard {Shard}: heartbeat fired {Late:0.0} s late")]
    public static partial void HeartbeatLate(ILogger logger, int shard, double late);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Information, Message = "Shard {Shard}: ready (application {App})")]
    public static partial void Ready(ILogger logger, int shard, string app);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Information, Message = "Shard {Shard}: resumed")]
    public static partial void Resumed(ILogger logger, int shard);
}
