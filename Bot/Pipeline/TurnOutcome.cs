using CompanionBot.Common;
using CompanionBot.Replies;

namespace CompanionBot.Pipeline;

/// <summary>
/// What became of one inbound message: a closed set, so callers and logs switch on it instead of guessing what a null
/// meant. Exactly one of these comes back for every message the pipeline is given.
/// </summary>
public abstract record TurnOutcome(InboundMessage Message)
{
    /// <summary>Answered: every step's output (for a burst, the last message carries the turn; see <see cref="Gathered"/>).</summary>
    public sealed record Replied(TurnResult Turn) : TurnOutcome(Turn.Message);

    /// <summary>Over the flood limit for the first time in the window: the one "slow down" notice is the answer.</summary>
    public sealed record Throttled(InboundMessage Message, OutboundReply Notice) : TurnOutcome(Message);

    /// <summary>This message id was already handled (a replayed gateway event): nothing is said twice.</summary>
    public sealed record Duplicate(InboundMessage Message) : TurnOutcome(Message);

    /// <summary>Over the flood limit and already told: not answered, not stored, counted (counter <c>flood.dropped</c>).</summary>
    public sealed record Dropped(InboundMessage Message) : TurnOutcome(Message);

    /// <summary>Gathered into a burst: stored and answered with the burst's turn, under the message that closed it.</summary>
    public sealed record Gathered(InboundMessage Message) : TurnOutcome(Message);

    /// <summary>An edge (storage) failed: nothing was stored, so a replay of the message answers it later.</summary>
    public sealed record Failed(InboundMessage Message, EdgeError Error) : TurnOutcome(Message);

    /// <summary>
    /// The store stayed unreachable past the wait (or the disk is full): nothing of the turn was written, and the member
    /// is told so once (<see cref="Notice"/>) instead of hearing nothing. A replay of the message answers it later.
    /// </summary>
    public sealed record Unavailable(InboundMessage Message, OutboundReply Notice, EdgeError Error) : TurnOutcome(Message);

    /// <summary>Arrived while the bot was stopping: not answered now, kept for the next start (<see cref="UnansweredMessages"/>).</summary>
    public sealed record Postponed(InboundMessage Message) : TurnOutcome(Message);

    /// <summary>The words to send, if any: the reply or the notice.</summary>
    /// <summary>The outcome's name in logs and metrics: a closed vocabulary, never content.</summary>
    public string Name => this switch
    {
        Replied => "replied",
        Throttled => "throttled",
        Duplicate => "duplicate",
        Dropped => "dropped",
        Gathered => "gathered",
        Failed => "failed",
        Unavailable => "unavailable",
        Postponed => "postponed",
        _ => "other",
    };

    public OutboundReply? Outbound => this switch
    {
        Replied r => r.Turn.Reply,
        Throttled t => t.Notice,
        Unavailable u => u.Notice,
        _ => null,
    };
}
