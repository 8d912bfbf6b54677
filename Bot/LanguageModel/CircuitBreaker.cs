namespace CompanionBot.LanguageModel;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Consecutive-failure breaker on the injected clock. After <c>threshold</c> failed attempts in a row it opens:
/// calls fail fast. After the cool-down it lets one trial call through (half-open): success closes it, failure
/// opens it for another cool-down. A small bot never reaches a ratio breaker's minimum throughput, hence counting.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan cooldown, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset? _openedAt;
    private bool _trialInFlight;

    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                if (_openedAt is not { } opened) return CircuitState.Closed;
                return time.GetUtcNow() - opened >= cooldown ? CircuitState.HalfOpen : CircuitState.Open;
            }
        }
    }

    /// <summary>True when an attempt may go out now; in half-open only one trial at a time.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_openedAt is not { } opened) return true;
            if (time.GetUtcNow() - opened < cooldown || _trialInFlight) return false;
            _trialInFlight = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _openedAt = null;
            _trialInFlight = false;
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_trialInFlight || _failures >= threshold) _openedAt = time.GetUtcNow();
            _trialInFlight = false;
        }
    }

    /// <summary>The attempt ended without a verdict (the caller cancelled): free the trial slot.</summary>
    public void Abandon()
    {
        lock (_gate) _trialInFlight = false;
    }
}
