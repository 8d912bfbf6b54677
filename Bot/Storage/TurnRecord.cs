using CompanionBot.Ledger;

namespace CompanionBot.Storage;

/// <summary>
/// Everything one handled message writes, committed in one durable transaction: the ledger state, the mark that the
/// message was handled, the exchange for the history window and the anonymous counters. All of it lands, or none.
/// </summary>
public sealed record TurnRecord(RelationshipState State, string? MessageId)
{
    /// <summary>The exchange kept for the prompt's history window; null when nothing is kept (crisis care, history off).</summary>
    public HistoryEntry? History { get; init; }

    /// <summary>Other messages this turn answered (a burst): marked handled in the same transaction.</summary>
    public IReadOnlyList<string> GatheredIds { get; init; } = [];

    /// <summary>Anonymous counters to add one to (no member id in any of them).</summary>
    public IReadOnlyList<CounterIncrement> Counters { get; init; } = [];
}

/// <param name="Kept">How many turns the relationship keeps; older ones are deleted in the same transaction.</param>
public sealed record HistoryEntry(string UserText, string ReplyText, DateTimeOffset At, int Kept);

public sealed record CounterIncrement(string Name, string Scope, string Period);
