using System.Collections.Concurrent;

namespace CompanionBot.Pipeline;

/// <summary>One message at a time per relationship, so two messages never race on the same ledger row.</summary>
public sealed class MemberGate
{
    private readonly ConcurrentDictionary<RelationshipKey, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(RelationshipKey key, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
