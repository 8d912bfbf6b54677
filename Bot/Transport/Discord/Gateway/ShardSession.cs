using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>The outcome of a shard's run: stopped on request, or a fatal close with what the operator must fix.</summary>
public sealed record ShardExit(int ShardId, string? FatalMessage)
{
    public bool IsFatal => FatalMessage is not null;
}

/// <summary>
/// Keeps one shard connected: resume first (on resume_gateway_url, with the same query string), a new session only when
/// the old one is gone, paced reconnects after failures (exponential with jitter, capped at 5 minutes so an outage cannot
/// burn the identify budget), and a stop on the fatal close codes.
/// </summary>
public sealed class ShardSession(GatewayContext context, ShardState state)
{
    public const string Query = "v=10&encoding=json";
    public const int MaxFailedResumes = 3;
    public const int RefetchUrlAfterFailures = 3;
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public async Task<ShardExit> RunAsync(CancellationToken stop)
    {
        var resume = state.CanResume; // a session restored from the session file
        while (!stop.IsCancellationRequested)
        {
            var useResume = resume && state.CanResume;
            var onResumeUrl = useResume && state.ResumeUrl is not null;
            var url = WithQuery(onResumeUrl ? state.ResumeUrl! : context.GatewayUrl.Current.ToString());
            var end = await new ShardConnection(context, state).RunAsync(url, useResume, stop).ConfigureAwait(false);
            context.Logger.Log(end.Next is NextStep.Stop ? LogLevel.Information : LogLevel.Warning,
                "Shard {Shard}: connection ended ({Why}); next: {Next}", state.ShardId, end.Why, end.Next);

            TimeSpan backoff = TimeSpan.Zero;
            switch (end.Next)
            {
                case NextStep.Stop:
                    context.Sessions.Forget(state.ShardId); // closed with 1000: the session is over
                    return new ShardExit(state.ShardId, null);
                case NextStep.Fatal:
                    context.Sessions.Forget(state.ShardId);
                    return new ShardExit(state.ShardId, end.FixMessage ?? end.Why);
                case NextStep.Resume:
                    resume = true;
                    backoff = AfterRepeatedTrouble();
                    break;
                case NextStep.Identify:
                    state.ClearSession();
                    context.Sessions.Forget(state.ShardId);
                    resume = false;
                    backoff = AfterRepeatedTrouble();
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
                    backoff = Backoff(state.ConsecutiveFailures);
                    break;
            }
            try
            {
                if (end.Pause is not null) await end.Pause.ConfigureAwait(false);
                if (backoff > TimeSpan.Zero) await Task.Delay(backoff, context.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new ShardExit(state.ShardId, null);
            }
        }
        return new ShardExit(state.ShardId, null);
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

    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 12) - 1));
        return TimeSpan.FromSeconds(ceiling * (0.5 + context.Jitter.NextDouble() / 2));
    }

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url);
        builder.Query = Query;
        if (builder.Path.Length == 0) builder.Path = "/";
        return builder.Uri;
    }
}
