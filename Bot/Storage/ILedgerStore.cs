using CompanionBot.Ledger;
using CompanionBot.Prompting;

namespace CompanionBot.Storage;

/// <summary>Relationships per (scope, member), and the record of which messages were already handled.</summary>
public interface ILedgerStore
{
    RelationshipState? Find(RelationshipKey key);

    /// <summary>True when this message id was already handled (a replayed gateway event).</summary>
    bool WasProcessed(string messageId);

    /// <summary>Saves the state and marks the message handled, in one durable transaction.</summary>
    void Save(RelationshipState state, string? messageId);

    /// <summary>
    /// Saves everything a handled message writes (<see cref="TurnRecord"/>) in one durable transaction. False, with
    /// nothing written, when the message id was already handled: the claim is the table's unique key, checked inside
    /// the transaction, so two processes racing on one id cannot both apply it.
    /// </summary>
    bool Save(TurnRecord record);

    /// <summary>Deletes the relationship and every row keyed to it (turns, handled ids). Returns rows deleted.</summary>
    int Delete(RelationshipKey key);

    /// <summary>Deletes everything about a member in every scope. Returns rows deleted.</summary>
    int DeleteMember(string memberId);

    long Count();

    /// <summary>
    /// What a turn reads before it starts, in one round trip where the store can: whether the message was handled,
    /// the relationship, and (when this store keeps it) the newest <paramref name="historyTurns"/> turns.
    /// </summary>
    TurnSnapshot Load(RelationshipKey key, string messageId, int historyTurns) => new(WasProcessed(messageId), Find(key), null);

    /// <summary>
    /// <see cref="Save(TurnRecord)"/> for async callers: a store that batches commits lets waiting callers await
    /// instead of blocking a thread. Failures the operator can fix come as <see cref="StorageException"/>.
    /// </summary>
    Task<bool> SaveAsync(TurnRecord record, CancellationToken cancellationToken) => Task.FromResult(Save(record));
}

/// <param name="History">Oldest first; null when this store does not keep history (ask the history store).</param>
public sealed record TurnSnapshot(bool AlreadyHandled, RelationshipState? State, IReadOnlyList<ChatTurn>? History);
