using CompanionBot.Storage;
using Microsoft.Extensions.Options;

namespace CompanionBot.Pipeline;

/// <summary>
/// Whether the store has been failing for longer than <see cref="StoreOutageOptions.UnhealthyAfterSeconds"/>: the
/// pipeline reports every turn's storage failure (unreachable or full) and every turn that went through, and the
/// health check asks. A full disk fails writes but not reads, so only a turn that got all the way through ends an outage.
/// </summary>
public sealed class StoreHealth(IOptions<StoreOutageOptions> options, TimeProvider time)
{
    private readonly TimeSpan _bound = TimeSpan.FromSeconds(options.Value.UnhealthyAfterSeconds);
    private readonly Lock _gate = new();
    private DateTimeOffset? _failingSince;
    private StorageFault _last;

    /// <summary>Since when the store has been failing (null while it works).</summary>
    public DateTimeOffset? FailingSince
    {
        get { lock (_gate) return _failingSince; }
    }

    /// <summary>The kind of the latest failure of the current outage (Other while none).</summary>
    public StorageFault LastFault
    {
        get { lock (_gate) return _failingSince is null ? StorageFault.Other : _last; }
    }

    /// <summary>False once the store has been failing for longer than the bound.</summary>
    public bool IsHealthy
    {
        get
        {
            lock (_gate) return _failingSince is not { } since || time.GetUtcNow() - since <= _bound;
        }
    }

    public void Failed(StorageFault fault)
    {
        lock (_gate)
        {
            _failingSince ??= time.GetUtcNow();
            _last = fault;
        }
    }

    public void Worked()
    {
        lock (_gate) _failingSince = null;
    }
}
