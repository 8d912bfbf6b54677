using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// Process-wide pacing of Identify: one per rate-limit key (shard id % max_concurrency) every 5 s, and never more than
/// the session-start budget from /gateway/bot (running it dry gets every session terminated and the token reset).
/// Resumes do not pass through here: they cost nothing.
/// </summary>
public sealed class IdentifyThrottle(TimeProvider time, ILogger<IdentifyThrottle> logger)
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, SemaphoreSlim> _turns = [];
    private readonly Dictionary<int, long> _lastIdentify = [];
    private SessionStartLimit _limit = new(1000, 1000, TimeSpan.Zero, 1);
    private int _remaining = 1000;
    private long _budgetResetsAt;

    public void Configure(SessionStartLimit limit)
    {
        lock (_gate)
        {
            _limit = limit;
            _remaining = limit.Remaining;
            _budgetResetsAt = time.GetTimestamp() + Ticks(limit.ResetAfter);
        }
    }

    public int Remaining
    {
        get { lock (_gate) return _remaining; }
    }

    /// <summary>Waits until this shard may identify, and takes one session start from the budget.</summary>
    public async Task WaitTurnAsync(int shardId, CancellationToken ct)
    {
        SemaphoreSlim turn;
        int key;
        lock (_gate)
        {
            key = shardId % Math.Max(1, _limit.MaxConcurrency);
            if (!_turns.TryGetValue(key, out turn!)) _turns[key] = turn = new SemaphoreSlim(1, 1);
        }
        await turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await WaitForBudgetAsync(ct).ConfigureAwait(false);
            long? last;
            lock (_gate) last = _lastIdentify.TryGetValue(key, out var l) ? l : null;
            if (last is { } at)
            {
                var wait = Spacing - time.GetElapsedTime(at);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct).ConfigureAwait(false);
            }
            lock (_gate)
            {
                _lastIdentify[key] = time.GetTimestamp();
                _remaining--;
            }
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task WaitForBudgetAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_remaining > 0) return;
            wait = time.GetElapsedTime(time.GetTimestamp(), _budgetResetsAt);
        }
        if (wait > TimeSpan.Zero)
        {
            GatewayLog.SessionStartsUsedUp(logger, wait.TotalMinutes);
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
        lock (_gate)
        {
            _remaining = _limit.Total;
            _budgetResetsAt = time.GetTimestamp() + Ticks(TimeSpan.FromHours(24));
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
