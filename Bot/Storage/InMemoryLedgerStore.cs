using System.Collections.Concurrent;
using CompanionBot.Ledger;

namespace CompanionBot.Storage;

/// <summary>A ledger that lives for one run: replay and eval simulations, where nothing should touch a file.</summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<RelationshipKey, RelationshipState> _states = new();
    private readonly ConcurrentDictionary<string, RelationshipKey> _processed = new(StringComparer.Ordinal);

    public RelationshipState? Find(RelationshipKey key) => _states.TryGetValue(key, out var s) ? s : null;

    public bool WasProcessed(string messageId) => _processed.ContainsKey(messageId);

    public void Save(RelationshipState state, string? messageId) => Save(new TurnRecord(state, messageId));

    /// <summary>Keeps the state and the handled mark; simulations keep no history and no counters.</summary>
    public bool Save(TurnRecord record)
    {
        if (record.MessageId is not null && !_processed.TryAdd(record.MessageId, record.State.Key)) return false;
        _states[record.State.Key] = record.State;
        return true;
    }

    public int Delete(RelationshipKey key) => Remove(k => k == key);

    public int DeleteMember(string memberId) => Remove(k => k.MemberId == memberId);

    public long Count() => _states.Count;

    private int Remove(Func<RelationshipKey, bool> match)
    {
        var removed = 0;
        foreach (var key in _states.Keys.Where(match).ToList()) removed += _states.TryRemove(key, out _) ? 1 : 0;
        foreach (var (id, key) in _processed.Where(p => match(p.Value)).ToList()) removed += _processed.TryRemove(id, out _) ? 1 : 0;
        return removed;
    }
}
