using CompanionBot.Ledger;

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
}
