using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>The gateway's source-generated log lines (event ids 1300-1399).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Shard {Shard}: Discord refused the Message Content intent (close 4014); carrying on without it: DMs and mentions keep their text, other guild messages arrive empty. Enable \"Message Content Intent\" on the Bot page of the Discord Developer Portal, or set Discord:MessageContentIntent=false to silence this")]
    public static partial void MessageContentRefused(ILogger logger, int shard);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Discord:ShardIds ({Ids}) does not include shard 0: Discord delivers every DM to shard 0, so this process receives no DMs")]
    public static partial void NoShardZero(ILogger logger, string ids);
}
