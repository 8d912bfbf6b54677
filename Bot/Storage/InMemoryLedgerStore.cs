using System.Collections.Concurrent;
using CompanionBot.Ledger;
using CompanionBot.Prompting;
using CompanionBot.Stances;

namespace CompanionBot.Storage;

/// <summary>
/// A ledger that lives for one run: replay and eval simulations, where nothing should touch a file. It keeps a short
/// history per relationship too, so the offline voice can see what it said lately and not say it again.
/// </summary>
public sealed class InMemoryLedgerStore : ILedgerStore, IHistoryStore
{
    private const int HistoryKept = 20;
    private readonly ConcurrentDictionary<RelationshipKey, List<ChatTurn>> _history = new();
    private readonly ConcurrentDictionary<RelationshipKey, RelationshipState> _states = new();
    private readonly ConcurrentDictionary<string, RelationshipKey> _processed = new(StringComparer.Ordinal);

    public RelationshipState? Find(RelationshipKey key) => _states.TryGetValue(key, out var s) ? s : null;

    public bool WasProcessed(string messageId) => _processed.ContainsKey(messageId);

    public void Save(RelationshipState state, string? messageId) => Save(new TurnRecord(state, messageId));

    /// <summary>Keeps the state, the handled mark and the exchange; simulations keep no counters.</summary>
    public bool Save(TurnRecord record)
    {
        if (record.MessageId is not null && !_processed.TryAdd(record.MessageId, record.State.Key)) return false;
        _states[record.State.Key] = record.State;
        foreach (var id in record.GatheredIds) _processed[id] = record.State.Key;
        if (record.History is { } entry)
        {
            var turns = _history.GetOrAdd(record.State.Key, _ => []);
            lock (turns)
            {
                turns.Add(new ChatTurn(ChatRole.User, entry.UserText));
                turns.Add(new ChatTurn(ChatRole.Assistant, entry.ReplyText));
                if (turns.Count > entry.Kept) turns.RemoveRange(0, turns.Count - entry.Kept);
            }
        }
        return true;
    }

    public IReadOnlyList<ChatTurn> Recent(RelationshipKey key, int max)
    {
        if (!_history.TryGetValue(key, out var turns)) return [];
        lock (turns) return turns.Skip(Math.Max(0, turns.Count - max)).ToList();
    }

    public HistoryEntry? EntryFor(StanceDecision decision, string userText, string replyText, DateTimeOffset at) =>
        decision.Has(Directive.CrisisResources) ? null : new HistoryEntry(userText, replyText, at, HistoryKept);

    public int Delete(RelationshipKey key) => Remove(k => k == key);

    public int DeleteMember(string memberId) => Remove(k => k.MemberId == memberId);

    public long Count() => _states.Count;

    private int Remove(Func<RelationshipKey, bool> match)
    {
        var removed = 0;
        foreach (var key in _states.Keys.Where(match).ToList()) removed += _states.TryRemove(key, out _) ? 1 : 0;
        foreach (var key in _history.Keys.Where(match).ToList()) _history.TryRemove(key, out _);
        foreach (var (id, key) in _processed.Where(p => match(p.Value)).ToList()) removed += _processed.TryRemove(id, out _) ? 1 : 0;
        return removed;
    }
}
