using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Discord's global REST limit for the whole process (Rate Limits, "Global Rate Limit": 50 requests a second per bot,
/// or what Discord granted, Discord:GlobalRequestsPerSecond), kept pre-emptively because Discord.Net does not keep it,
/// and a global pause after a global 429 that lasts the Retry-After it names in seconds (Discord.Net's RequestQueue
/// reads the header as milliseconds and retries at once). Every shard's REST client shares this one budget.
/// </summary>
public sealed class GlobalRequestBudget(IOptions<DiscordOptions> options, TimeProvider time)
{
    /// <summary>Typing is a courtesy: skipped once this share of the second's budget is used.</summary>
    public const double TypingShare = 0.6;

    private readonly SlidingWindowLimiter _window = new(options.Value.GlobalRequestsPerSecond, TimeSpan.FromSeconds(1), time);
    private long _pausedUntilTicks;

    public int Limit => _window.Limit;

    /// <summary>Waits out a global pause, then for a slot in the second's budget.</summary>
    public async Task TakeAsync(CancellationToken ct)
    {
        while (PauseLeft() is { } pause) await Task.Delay(pause, time, ct).ConfigureAwait(false);
        await _window.TakeAsync(null, ct).ConfigureAwait(false);
    }

    /// <summary>A slot for a courtesy request (typing) only while most of the budget is free; never waits.</summary>
    public bool TryTakeCourtesy() => PauseLeft() is null && _window.TryTake((int)(_window.Limit * TypingShare)) is null;

    /// <summary>Holds every request (but interaction callbacks) until <paramref name="retryAfter"/> has passed.</summary>
    public void PauseFor(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow().Add(retryAfter).UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _pausedUntilTicks);
            if (seen >= until) return;
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen) != seen);
    }

    private TimeSpan? PauseLeft()
    {
        var left = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }
}
