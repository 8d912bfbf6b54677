using Polly;
using Polly.CircuitBreaker;
using PollyCircuitState = Polly.CircuitBreaker.CircuitState;

namespace CompanionBot.LanguageModel;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// The circuit breaker around the chat endpoint: Polly.Core's breaker on the injected clock, with the state read the
/// way an operator thinks of it. It opens when the last <c>threshold</c> attempts inside the sampling window all
/// failed (failure ratio 1 over a minimum throughput of <c>threshold</c>: Polly v8 has no consecutive-count breaker,
/// and a ratio with a large minimum throughput would never trip on a small bot's traffic). Open, calls fail fast;
/// after the cool-down one trial call goes through (half-open): success closes it, failure opens it again.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeSpan _cooldown;
    private readonly TimeProvider _time;
    private long _openedAtTicks;

    internal CircuitBreaker(TimeSpan cooldown, TimeProvider time)
    {
        _cooldown = cooldown;
        _time = time;
    }

    /// <summary>
    /// Polly moves from open to half-open only when the next call arrives; this reports half-open as soon as the
    /// cool-down has passed, which is what the next call will find.
    /// </summary>
    public CircuitState State => _state.CircuitState switch
    {
        PollyCircuitState.Closed => CircuitState.Closed,
        PollyCircuitState.HalfOpen => CircuitState.HalfOpen,
        _ => _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _openedAtTicks) >= _cooldown.Ticks ? CircuitState.HalfOpen : CircuitState.Open,
    };

    /// <summary>The breaker strategy; <paramref name="failed"/> says which outcomes count as a failed attempt.</summary>
    internal CircuitBreakerStrategyOptions<ModelReply> Strategy(int threshold, TimeSpan window, Func<Outcome<ModelReply>, ResilienceContext, bool> failed) => new()
    {
        FailureRatio = 1.0,
        MinimumThroughput = threshold,
        SamplingDuration = window,
        BreakDuration = _cooldown,
        StateProvider = _state,
        ShouldHandle = args => ValueTask.FromResult(failed(args.Outcome, args.Context)),
        OnOpened = _ =>
        {
            Interlocked.Exchange(ref _openedAtTicks, _time.GetUtcNow().UtcTicks);
            return ValueTask.CompletedTask;
        },
    };
}
