namespace CompanionBot.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so. Timers created through it (Task.Delay with this provider,
/// CancellationTokenSource with a delay, PeriodicTimer) fire during <see cref="Advance"/>, in due-time order.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp()
    {
        lock (_gate) return _now.UtcTicks;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Number of timers waiting to fire (useful to wait until code under test has armed one).</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count(t => t.DueAt is not null); }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by));
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt!.Value;
                next.Reschedule(_now);
            }
            next.Fire();
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        var now = GetUtcNow();
        if (value < now) throw new ArgumentOutOfRangeException(nameof(value), "time only moves forward");
        Advance(value - now);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
            timer.Change(dueTime, period, _now);
        }
        return timer;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate) Change(dueTime, period, owner._now);
            return true;
        }

        public void Change(TimeSpan dueTime, TimeSpan period, DateTimeOffset now)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
        }

        public void Reschedule(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
