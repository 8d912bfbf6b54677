using System.Threading.Channels;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.LanguageModel;

/// <summary>
/// A TimeProvider over a <see cref="ManualTimeProvider"/> that reports every timer armed through it, with its
/// due time, after the timer is armed. A test can then wait for "the retry delay was armed" and advance by exactly
/// that much, with no race and no sleeping. A timer may be created disarmed and armed later with Change (Polly's
/// timeouts do that): it is reported when armed.
/// </summary>
public sealed class TimerWatch(ManualTimeProvider clock) : TimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public ManualTimeProvider Clock => clock;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan) _created.Writer.TryWrite(dueTime);
        return new Watched(timer, _created.Writer);
    }

    private sealed class Watched(ITimer inner, ChannelWriter<TimeSpan> armed) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed && dueTime != Timeout.InfiniteTimeSpan) armed.TryWrite(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The due time of the next timer armed that matches (real-time bounded wait).</summary>
    public async Task<TimeSpan> NextAsync(Func<TimeSpan, bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var due = await _created.Reader.ReadAsync(timeout.Token);
            if (matches(due)) return due;
        }
    }
}
