using System.Runtime.ExceptionServices;
using CompanionBot.Common;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CompanionBot.LanguageModel;

/// <summary>
/// The retry policy around one chat call, as a Polly.Core pipeline on the injected clock: an overall deadline, then
/// retries (capped exponential backoff with jitter from the one random source, a server's Retry-After honoured up to
/// a cap, <see cref="RetrySchedule"/>), then the circuit breaker, then a per-attempt timeout. Every way it can end
/// comes back as a <see cref="ModelReply"/>; only the caller's own cancellation is thrown.
/// </summary>
internal sealed partial class ChatResilience
{
    public const string CircuitOpen = "the circuit is open after repeated failures";
    private const string NoTimeLeft = "no time left before the deadline";

    private static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineAt = new("companion.deadline-at");
    private static readonly ResiliencePropertyKey<CancellationToken> Caller = new("companion.caller");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("companion.next-delay");
    private static readonly ResiliencePropertyKey<string> StopReason = new("companion.stop-reason");

    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly RetrySchedule _schedule;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<ModelReply> _pipeline;

    public ChatResilience(LlmOptions options, TimeProvider time, IRandomSource random, ILogger logger)
    {
        _options = options;
        _time = time;
        _schedule = new RetrySchedule(options, random);
        _logger = logger;
        Breaker = new CircuitBreaker(options.BreakerCooldown, time);
        _pipeline = new ResiliencePipelineBuilder<ModelReply> { TimeProvider = time }
            .AddTimeout(options.Deadline)
            .AddRetry(new RetryStrategyOptions<ModelReply>
            {
                // The count and the delays are decided in ShouldRetry (one place, so the reason given matches).
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                UseJitter = false,
                Randomizer = random.NextDouble,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextDelay, TimeSpan.Zero)),
            })
            .AddCircuitBreaker(Breaker.Strategy(options.BreakerFailureThreshold, options.BreakerWindow, CountsAsFailure))
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(AttemptTimeout(args.Context)) })
            .Build();
    }

    public CircuitBreaker Breaker { get; }

    /// <summary>Runs <paramref name="attempt"/> under the policy; failures come back as <see cref="ModelReply.Unavailable"/>.</summary>
    public async Task<ModelReply> ExecuteAsync(Func<CancellationToken, Task<ModelReply>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(DeadlineAt, _time.GetUtcNow() + _options.Deadline);
            context.Properties.Set(Caller, cancellationToken);
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, call) =>
                {
                    try
                    {
                        return Outcome.FromResult(await call(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<ModelReply>(ex);
                    }
                },
                context, attempt).ConfigureAwait(false);
            if (outcome.Exception is not { } error) return outcome.Result!;
            if (cancellationToken.IsCancellationRequested) ExceptionDispatchInfo.Throw(error);
            var reason = context.Properties.TryGetValue(StopReason, out var stop) ? stop
                : error is TimeoutRejectedException or OperationCanceledException ? NoTimeLeft
                : error is BrokenCircuitException ? CircuitOpen
                : AttemptFailure.From(error, _time.GetUtcNow()).Reason;
            return Unavailable(reason);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Every failed attempt counts against the circuit, except one the caller cancelled (no verdict).</summary>
    private static bool CountsAsFailure(Outcome<ModelReply> outcome, ResilienceContext context) =>
        outcome.Exception is not null && !context.Properties.GetValue(Caller, CancellationToken.None).IsCancellationRequested;

    private TimeSpan AttemptTimeout(ResilienceContext context)
    {
        var remaining = context.Properties.GetValue(DeadlineAt, _time.GetUtcNow()) - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero) remaining = TimeSpan.FromMilliseconds(1);
        return remaining < _options.AttemptTimeout ? remaining : _options.AttemptTimeout;
    }

    /// <summary>After a failed attempt: retry (and after how long), or stop with the reason the member's reply will carry.</summary>
    private bool ShouldRetry(Outcome<ModelReply> outcome, int attempt, ResilienceContext context)
    {
        if (outcome.Exception is not { } error) return false;
        if (context.Properties.GetValue(Caller, CancellationToken.None).IsCancellationRequested) return false;
        if (error is BrokenCircuitException) return Stop(context, CircuitOpen);

        var failure = error switch
        {
            TimeoutRejectedException timeout => AttemptFailure.Timeout(timeout.Timeout),
            OperationCanceledException => AttemptFailure.Timeout(AttemptTimeout(context)),
            _ => AttemptFailure.From(error, _time.GetUtcNow()),
        };
        LogAttemptFailed(attempt + 1, failure.Reason);
        if (context.CancellationToken.IsCancellationRequested) return Stop(context, NoTimeLeft);
        if (!failure.Retryable) return Stop(context, failure.Reason);
        if (Breaker.State != CircuitState.Closed) return Stop(context, CircuitOpen);
        if (attempt >= _options.MaxRetries) return Stop(context, $"{failure.Reason}, after {attempt + 1} attempts");
        if (_schedule.DelayBefore(attempt + 1, failure.RetryAfter) is not { } delay)
        {
            return Stop(context, $"{failure.Reason}; the server asked to wait {failure.RetryAfter!.Value.TotalSeconds:0} s, over the cap");
        }
        if (_time.GetUtcNow() + delay >= context.Properties.GetValue(DeadlineAt, DateTimeOffset.MinValue))
        {
            return Stop(context, $"{failure.Reason}; {NoTimeLeft}");
        }
        context.Properties.Set(NextDelay, delay);
        LogRetrying(delay.TotalSeconds);
        return true;
    }

    private static bool Stop(ResilienceContext context, string reason)
    {
        context.Properties.Set(StopReason, reason);
        return false;
    }

    private ModelReply Unavailable(string reason)
    {
        LogUnavailable(reason);
        return new ModelReply.Unavailable(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "language model attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "retrying the language model in {Seconds:0.###} s")]
    private partial void LogRetrying(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "language model unavailable, using the offline voice: {Reason}")]
    private partial void LogUnavailable(string reason);
}
