using System.Data.Common;
using CompanionBot.Common;
using CompanionBot.Storage;
using CompanionBot.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CompanionBot.Pipeline;

/// <summary>
/// Runs a turn, and runs it again with backoff while the store is unreachable (one Polly.Core retry on the injected
/// clock), bounded in time (<see cref="StoreOutageOptions.WaitSeconds"/> from the turn's first failure) and in turns
/// waiting at once (<see cref="StoreOutageOptions.MaxWaitingTurns"/>). Each try is a whole turn that commits in one
/// transaction or not at all, and the handled-id claim inside that transaction keeps a retried turn from being applied
/// twice. A full disk is not waited out. Every storage failure is counted and reported to <see cref="StoreHealth"/>.
/// </summary>
public sealed partial class StoreWaits
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private static readonly ResiliencePropertyKey<DateTimeOffset> FirstFailure = new("companion.store.first-failure");
    private static readonly ResiliencePropertyKey<bool> Queued = new("companion.store.queued");

    private readonly StoreOutageOptions _options;
    private readonly StoreHealth _health;
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly CompanionMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private int _waiting;

    public StoreWaits(IOptions<StoreOutageOptions> options, StoreHealth health, TimeProvider time, IRandomSource random, CompanionMetrics metrics, ILogger<StoreWaits>? logger = null)
    {
        _options = options.Value;
        _health = health;
        _time = time;
        _random = random;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && ShouldWait(error, args.Context)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(args.AttemptNumber + 1, args.Context)),
                OnRetry = args =>
                {
                    _metrics.StorageRetry();
                    if (args.AttemptNumber == 0) PipelineLog.WaitingForStore(_logger, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>No waiting: every storage failure ends the turn at once (simulations, tests that build a pipeline by hand).</summary>
    public static StoreWaits None(CompanionMetrics metrics) => new(
        Options.Create(new StoreOutageOptions { WaitSeconds = 0 }), new StoreHealth(Options.Create(new StoreOutageOptions()), TimeProvider.System),
        TimeProvider.System, new NoJitter(), metrics);

    /// <summary>True for the failures a store throws (its own <see cref="StorageException"/> or a driver's).</summary>
    public static bool IsStorage(Exception error) => error is StorageException or DbException;

    /// <summary>
    /// The attempt's result, or why the store gave up: the fault and the operator's line. Cancellation and bugs are
    /// thrown as they are.
    /// </summary>
    public async Task<StoreAttempt<T>> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var value = await _pipeline.ExecuteAsync(async (ctx, run) => await TryOnceAsync(run, ctx.CancellationToken).ConfigureAwait(false), context, attempt)
                .ConfigureAwait(false);
            return new StoreAttempt<T>(value, null);
        }
        catch (Exception error) when (IsStorage(error))
        {
            return new StoreAttempt<T>(default, new StoreRefusal(StorageFaults.Of(error), error.Message));
        }
        finally
        {
            if (context.Properties.TryGetValue(Queued, out var queued) && queued) Interlocked.Decrement(ref _waiting);
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> TryOnceAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            var value = await attempt(cancellationToken).ConfigureAwait(false);
            _health.Worked();
            return value;
        }
        catch (Exception error) when (IsStorage(error))
        {
            var fault = StorageFaults.Of(error);
            _metrics.StorageError(Label(fault));
            if (fault != StorageFault.Other) _health.Failed(fault);
            throw;
        }
    }

    private bool ShouldWait(Exception error, ResilienceContext context)
    {
        if (!IsStorage(error) || StorageFaults.Of(error) != StorageFault.Unreachable) return false;
        var now = _time.GetUtcNow();
        if (!context.Properties.TryGetValue(FirstFailure, out var first))
        {
            context.Properties.Set(FirstFailure, first = now);
            if (Interlocked.Increment(ref _waiting) > _options.MaxWaitingTurns)
            {
                Interlocked.Decrement(ref _waiting);
                PipelineLog.TooManyWaiting(_logger, _options.MaxWaitingTurns);
                return false;
            }
            context.Properties.Set(Queued, true);
        }
        return context.Properties.TryGetValue(Queued, out var queued) && queued && Remaining(context, now) > TimeSpan.Zero;
    }

    /// <summary>The one backoff schedule, never past the turn's bound: the last try comes when the bound is reached.</summary>
    private TimeSpan Delay(int attempt, ResilienceContext context)
    {
        var backoff = ExponentialBackoff.Delay(attempt, FirstDelay, MaxDelay, 0.5, _random.NextDouble());
        var remaining = Remaining(context, _time.GetUtcNow());
        return backoff < remaining ? backoff : remaining;
    }

    private TimeSpan Remaining(ResilienceContext context, DateTimeOffset now) =>
        context.Properties.TryGetValue(FirstFailure, out var first) ? first + TimeSpan.FromSeconds(_options.WaitSeconds) - now : TimeSpan.Zero;

    public static string Label(StorageFault fault) => fault switch
    {
        StorageFault.Unreachable => "unreachable",
        StorageFault.Full => "full",
        _ => "other",
    };
}

/// <summary>A turn's value, or why the store refused it.</summary>
public readonly record struct StoreAttempt<T>(T? Value, StoreRefusal? Refused);

/// <param name="Problem">The store's one-line message, safe for an operator's log (never shown to a member).</param>
public sealed record StoreRefusal(StorageFault Fault, string Problem);

/// <summary>With no waiting there is no jitter to draw.</summary>
internal sealed class NoJitter : IRandomSource
{
    public double NextDouble() => 0.5;
}
