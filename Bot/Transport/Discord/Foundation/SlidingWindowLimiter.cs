namespace CompanionBot.Transport.Discord.Foundation;

/// <summary>
/// At most <c>limit</c> events in any <c>window</c> (a sliding-window log on the monotonic clock). Used for the gateway's
/// 120 sends per 60 s, the REST global 50 per second, and counting invalid requests per 10 minutes.
/// </summary>
public sealed class SlidingWindowLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<long> _stamps = new();

    public int Limit => limit;

    /// <summary>Takes a slot if fewer than <paramref name="allowed"/> (default: the limit) are used; else how long until one frees.</summary>
    public TimeSpan? TryTake(int? allowed = null)
    {
        var cap = Math.Min(allowed ?? limit, limit);
        lock (_gate)
        {
            var now = time.GetTimestamp();
            Trim(now);
            if (_stamps.Count < cap)
            {
                _stamps.Enqueue(now);
                return null;
            }
            var oldestThatMustExpire = _stamps.ElementAt(_stamps.Count - cap);
            var wait = time.GetElapsedTime(now, oldestThatMustExpire + ToTicks(window));
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
        }
    }

    /// <summary>Records an event without limiting (counting only).</summary>
    public int Record()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            Trim(now);
            _stamps.Enqueue(now);
            return _stamps.Count;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Trim(time.GetTimestamp());
                return _stamps.Count;
            }
        }
    }

    public async Task TakeAsync(int? allowed, CancellationToken cancellationToken)
    {
        while (TryTake(allowed) is { } wait)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Trim(long now)
    {
        while (_stamps.Count > 0 && time.GetElapsedTime(_stamps.Peek(), now) >= window) _stamps.Dequeue();
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
