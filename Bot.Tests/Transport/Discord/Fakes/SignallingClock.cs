using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// The manual test clock, plus a record of every timer armed through it, so a test can wait until the code under
/// test has started a particular wait (a 2.5 s retry, a 3 s pause) before advancing the clock past it.
/// </summary>
public sealed class SignallingClock : TimeProvider
{
    private readonly ManualTimeProvider _inner = new();

    /// <summary>Due times of the timers armed so far, in order.</summary>
    public Signals<TimeSpan> Armed { get; } = new();

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        Armed.Add(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _inner.Advance(by);

    /// <summary>Waits until a timer with this due time is armed at or after position <paramref name="from"/> of <see cref="Armed"/>.</summary>
    public Task WhenArmedAsync(TimeSpan dueTime, int from = 0) =>
        Armed.WaitForAsync(d => d == dueTime, $"a {dueTime.TotalSeconds} s timer", from);
}

public sealed class FixedJitter(double value) : CompanionBot.Common.IRandomSource
{
    public double NextDouble() => value;
}
