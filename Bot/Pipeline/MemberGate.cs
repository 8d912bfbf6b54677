namespace CompanionBot.Pipeline;

/// <summary>
/// One message at a time per member (across servers and DMs): two messages never race on a ledger row, and a
/// member never has more than one model request in flight. A member's gate lives only while someone holds or waits
/// for it, so memory follows the members in flight, not every member ever seen. With <paramref name="leases"/> (several
/// processes on one PostgreSQL database) the gate also holds the member's cross-process lease for the whole turn.
/// </summary>
public sealed class MemberGate(CompanionBot.Storage.IMemberLeases? leases = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _gates = new(StringComparer.Ordinal);

    /// <summary>Gates currently alive (held or awaited).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _gates.Count;
        }
    }

    /// <summary>The member's turn in this process and (with leases) across processes, for as long as the handle lives.</summary>
    public async Task<IDisposable> EnterAsync(string memberId, CancellationToken cancellationToken)
    {
        var order = await OrderAsync(memberId, cancellationToken).ConfigureAwait(false);
        try
        {
            return new Both(order, await LeaseAsync(memberId, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            order.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The member's turn in this process only: held across a turn's tries while the store is away, so a later message
    /// never overtakes an earlier one that waits.
    /// </summary>
    public async Task<IDisposable> OrderAsync(string memberId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_gates.TryGetValue(memberId, out entry!))
            {
                entry = new Entry();
                _gates[memberId] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(memberId, entry, held: false);
            throw;
        }
        return new Release(this, memberId, entry);
    }

    /// <summary>The member's cross-process lease for one try (a no-op without leases); a broken store throws here.</summary>
    public async Task<IDisposable> LeaseAsync(string memberId, CancellationToken cancellationToken) =>
        leases is null ? NoLease.Instance : await leases.AcquireAsync(memberId, cancellationToken).ConfigureAwait(false);

    private void Leave(string memberId, Entry entry, bool held)
    {
        lock (_lock)
        {
            // SemaphoreSlim resumes async waiters asynchronously, so releasing under the lock runs no waiter here.
            if (held) entry.Semaphore.Release();
            if (--entry.Users == 0) _gates.Remove(memberId);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Release(MemberGate owner, string memberId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Leave(memberId, entry, held: true);
        }
    }

    private sealed class Both(IDisposable order, IDisposable lease) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                lease.Dispose();
            }
            finally
            {
                order.Dispose();
            }
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
