using System.Collections.Concurrent;

namespace CompanionBot.Pipeline;

/// <summary>
/// One message at a time per member (across servers and DMs): two messages never race on a ledger row, and a
/// member never has more than one model request in flight.
/// </summary>
public sealed class MemberGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(string memberId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(memberId, static _ => new SemaphoreSlim(1, 1));
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
