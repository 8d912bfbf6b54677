using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// The transport's own source-generated log lines (event ids 1000-1099). Tokens never appear; a message's text only at
/// Debug (<see cref="MessageReceived"/>).
/// </summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "GET /gateway/bot failed ({Problem}); trying again in {Seconds:0.#} s")]
    public static partial void DiscoveryFailed(ILogger logger, string problem, double seconds);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Only {Remaining} session starts left today for {Shards} shard(s); identifies will wait for the budget to reset")]
    public static partial void FewSessionStarts(ILogger logger, int remaining, int shards);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Running shard(s) {Ids} of {Count}")]
    public static partial void RunningShards(ILogger logger, string ids, int count);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Critical, Message = "Discord transport cannot continue (shard {Shard}): {Message}")]
    public static partial void CannotContinue(ILogger logger, int shard, string message);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "A guild message arrived with empty content: enable \"Message Content Intent\" on the Bot page of the Discord Developer Portal")]
    public static partial void EmptyGuildContent(ILogger logger);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Message {Id} from {Key}: {Text}")]
    public static partial void MessageReceived(ILogger logger, string id, RelationshipKey key, string text);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Reply to message {Id} not sent (part {Part} of {Count}): {Why}")]
    public static partial void ReplyNotSent(ILogger logger, string id, int part, int count, string? why);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "Answered message {Id} in {Parts} part(s)")]
    public static partial void Answered(ILogger logger, string id, int parts);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "Could not fetch attachment {Name}: {Error}")]
    public static partial void AttachmentFailed(ILogger logger, string name, string error);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Shard {Shard}: the gateway rate limited a request: {Payload}")]
    public static partial void GatewayRateLimited(ILogger logger, int shard, string payload);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Slash commands unchanged; not registering them again")]
    public static partial void CommandsUnchanged(ILogger logger);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Registering slash commands failed ({Problem}, code {Code}); will try again on the next start")]
    public static partial void CommandsNotRegistered(ILogger logger, string? problem, int? code);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Registered {Count} slash command(s)")]
    public static partial void CommandsRegistered(ILogger logger, int count);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Debug, Message = "Ignoring interaction {Id} of type {Type}")]
    public static partial void InteractionIgnored(ILogger logger, string id, int type);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "/{Command} failed: {Error}")]
    public static partial void CommandFailed(ILogger logger, string command, string error);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "/{Command} {What} sent for interaction {Id}")]
    public static partial void InteractionAnswered(ILogger logger, string command, string what, string id);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Warning, Message = "/{Command} {What} for interaction {Id} failed (code {Code})")]
    public static partial void InteractionNotAnswered(ILogger logger, string command, string what, string id, int? code);
}
