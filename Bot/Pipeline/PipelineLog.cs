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
        }
        return outcome;
    }
}
