namespace CompanionBot.Pipeline;

/// <summary>
/// One message at a time per relationship, so two messages never race on the same ledger row. A key's gate lives only
/// while someone holds or waits for it, so memory follows the relationships in flight, not every member ever seen.
/// </summary>
public sealed class MemberGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RelationshipKey, Entry> _gates = [];

    /// <summary>Gates currently alive (held or awaited).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _gates.Count;
        }
    }

    public async Task<IDisposable> EnterAsync(RelationshipKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_gates.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _gates[key] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry, held: false);
            throw;
        }
        return new Release(this, key, entry);
    }

    private void Leave(RelationshipKey key, Entry entry, bool held)
    {
        lock (_lock)
        {
            // SemaphoreSlim resumes async waiters asynchronously, so releasing under the lock runs no waiter here.
            if (held) entry.Semaphore.Release();
            if (--entry.Users == 0) _gates.Remove(key);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Release(MemberGate owner, RelationshipKey key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Leave(key, entry, held: true);
        }
    }
}
