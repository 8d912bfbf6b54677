using Polly;
using Polly.Retry;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>The outcome of a shard's run: stopped on request, or a fatal close with what the operator must fix.</summary>
public sealed record ShardExit(int ShardId, string? FatalMessage)
{
    public bool IsFatal => FatalMessage is not null;
}

/// <summary>
/// Keeps one shard connected: resume first (on resume_gateway_url, with the same query string), a new session only when
/// the old one is gone, paced reconnects after failures, and a stop on the fatal close codes. The reconnect loop is a
/// Polly.Core retry on the injected clock; its waits follow <see cref="DiscordBackoff"/> over the failures in a row
/// (READY and RESUMED reset them), capped at <see cref="MaxBackoff"/> so an outage cannot burn the identify budget.
/// </summary>
public sealed class ShardSession(GatewayContext context, ShardState state)
{
    public const string Query = "v=10&encoding=json";
    public const int MaxFailedResumes = 3;
    public const int RefetchUrlAfterFailures = 3;
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private bool _resume = state.CanResume; // a session restored from the session file
    private TimeSpan _backoff;

    public async Task<ShardExit> RunAsync(CancellationToken stop)
    {
        var reconnects = new ResiliencePipelineBuilder<ConnectionEnd> { TimeProvider = context.Time }
            .AddRetry(new RetryStrategyOptions<ConnectionEnd>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Next: not (NextStep.Stop or NextStep.Fatal) }),
                MaxRetryAttempts = int.MaxValue,
                MaxDelay = MaxBackoff,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(_backoff),
                OnRetry = args =>
                {
                    if (args.RetryDelay > TimeSpan.Zero) GatewayLog.Reconnecting(context.Logger, state.ShardId, args.RetryDelay.TotalSeconds, state.ConsecutiveFailures);
                    return default;
                },
            })
            .Build();
        try
        {
            var end = await reconnects.ExecuteAsync(async token => await ConnectOnceAsync(token).ConfigureAwait(false), stop).ConfigureAwait(false);
            return new ShardExit(state.ShardId, end.Next == NextStep.Fatal ? end.FixMessage ?? end.Why : null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new ShardExit(state.ShardId, null);
        }
    }

    /// <summary>One connection from connect to close, then what follows from how it ended (and the wait before the next).</summary>
    private async Task<ConnectionEnd> ConnectOnceAsync(CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested(); // stopped in a wait: the saved session stays for the next process
        var useResume = _resume && state.CanResume;
        var onResumeUrl = useResume && state.ResumeUrl is not null;
        var url = WithQuery(onResumeUrl ? state.ResumeUrl! : context.GatewayUrl.Current.ToString());
        var end = await new ShardConnection(context, state).RunAsync(url, useResume, stop).ConfigureAwait(false);
        if (end.Next is NextStep.Stop) GatewayLog.ConnectionStopped(context.Logger, state.ShardId, end.Why);
        else GatewayLog.ConnectionEnded(context.Logger, state.ShardId, end.Why, end.Next);

        _backoff = TimeSpan.Zero;
        switch (end.Next)
        {
            case NextStep.Stop:
            case NextStep.Fatal:
                context.Sessions.Forget(state.ShardId); // closed with 1000, or never to be resumed: the session is over
                return end;
            case NextStep.Resume:
                _resume = true;
                _backoff = AfterRepeatedTrouble();
                break;
            case NextStep.Identify:
                state.ClearSession();
                context.Sessions.Forget(state.ShardId);
                _resume = false;
                _backoff = AfterRepeatedTrouble();
                break;
            case NextStep.ConnectFailed:
                state.ConsecutiveFailures++;
                if (onResumeUrl)
                {
                    // a dead resume url: fall back to the main url; after a few tries, give up the session
                    state.ResumeUrl = null;
                    if (++state.FailedResumes >= MaxFailedResumes) state.ClearSession();
                }
                else if (state.ConsecutiveFailures % RefetchUrlAfterFailures == 0)
                {
                    await RefreshGatewayUrlAsync(stop).ConfigureAwait(false);
                }
                _backoff = Backoff(state.ConsecutiveFailures);
                break;
        }
        if (end.Pause is not null) await end.Pause.ConfigureAwait(false); // armed at the close (op 9's 1-5 s)
        return end;
    }

    private async Task RefreshGatewayUrlAsync(CancellationToken stop)
    {
        try
        {
            await context.GatewayUrl.RefreshAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The first reconnect after a healthy session is immediate; repeats back off (READY/RESUMED reset the count).</summary>
    private TimeSpan AfterRepeatedTrouble() => ++state.ConsecutiveFailures > 1 ? Backoff(state.ConsecutiveFailures - 1) : TimeSpan.Zero;

    private TimeSpan Backoff(int failures) => DiscordBackoff.After(failures, FirstBackoff, MaxBackoff, context.Jitter.NextDouble());

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url);
        builder.Query = Query;
        if (builder.Path.Length == 0) builder.Path = "/";
        return builder.Uri;
    }
}
