using Microsoft.Extensions.Logging;

namespace CompanionBot.Pipeline;

/// <summary>The pipeline's log lines, one per outcome, with stable event ids (1100-1199). Never message text above Debug.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Message {MessageId} answered ({Stance}, rule {Rule})")]
    public static partial void Replied(ILogger logger, string messageId, string stance, string rule);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Message {MessageId} was already handled (duplicate): not answering twice")]
    public static partial void Duplicate(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Message {MessageId} over the flood limit: one slow-down notice")]
    public static partial void Throttled(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Message {MessageId} dropped as flood (counted, not stored)")]
    public static partial void Dropped(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Message {MessageId} gathered into a burst")]
    public static partial void Gathered(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Message {MessageId} not handled: {Error}")]
    public static partial void Failed(ILogger logger, string messageId, string error);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Message {MessageId} not kept ({Error}): the member was told to try again in a bit")]
    public static partial void Unavailable(ILogger logger, string messageId, string error);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "Message {MessageId} arrived while stopping: kept for the next start")]
    public static partial void Postponed(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "The store is unreachable: the turn waits and tries again in {Seconds:0.0} s")]
    public static partial void WaitingForStore(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "{Max} turns already wait for the store: this one is answered at once that nothing can be kept")]
    public static partial void TooManyWaiting(ILogger logger, int max);

    public static TurnOutcome Log(this ILogger logger, TurnOutcome outcome)
    {
        var id = outcome.Message.MessageId;
        switch (outcome)
        {
            case TurnOutcome.Replied r: Replied(logger, id, r.Turn.Decision.StanceName, r.Turn.Decision.Rule); break;
            case TurnOutcome.Duplicate: Duplicate(logger, id); break;
            case TurnOutcome.Throttled: Throttled(logger, id); break;
            case TurnOutcome.Dropped: Dropped(logger, id); break;
            case TurnOutcome.Gathered: Gathered(logger, id); break;
            case TurnOutcome.Failed f: Failed(logger, id, f.Error.ToString()); break;
            case TurnOutcome.Unavailable u: Unavailable(logger, id, u.Error.ToString()); break;
            case TurnOutcome.Postponed: Postponed(logger, id); break;
        }
        return outcome;
    }
}
