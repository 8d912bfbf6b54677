using System.Text.Json;
using CompanionBot.Common;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord;

/// <summary>How the transport stopped: cleanly, or with one line naming what the operator must fix.</summary>
public sealed record DiscordRunResult(string? FatalMessage)
{
    public static DiscordRunResult Stopped { get; } = new((string?)null);

    public bool IsFatal => FatalMessage is not null;
}

/// <summary>Runs the bot on Discord until cancelled or a fatal error; the hosted service runs the one Discord:Client names.</summary>
public interface IDiscordTransport
{
    Task<DiscordRunResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The Discord bot: asks /gateway/bot where to connect and how many shards to run, runs this process's shards side by
/// side until cancelled or until one of them hits a fatal close code, then winds down the handlers still working.
/// </summary>
public sealed class DiscordTransport(
    IOptions<DiscordOptions> options,
    DiscordApi api,
    DiscordRestClient rest,
    IdentifyThrottle throttle,
    IGatewayEventSink sink,
    HeartbeatFile heartbeatFile,
    SessionFile sessions,
    SessionRestore restore,
    DiscordMessageHandler messages,
    BackgroundWork work,
    IRandomSource jitter,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordTransport> logger,
    DiscordEventRouter? router = null,
    Pipeline.UnansweredMessages? unanswered = null) : IDiscordTransport
{
    public const string MissingToken = "no Discord bot token: set the Discord:Token setting (environment variable Discord__Token).";
    public const string RejectedToken = "Discord rejected the bot token (HTTP 401): set a valid Discord:Token (environment variable Discord__Token) from the Bot page of the Discord Developer Portal.";

    public async Task<DiscordRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasToken) return new DiscordRunResult(MissingToken);
        try
        {
            var info = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            if (info.Fatal is not null) return new DiscordRunResult(info.Fatal);
            var gateway = info.Info!;

            var shardCount = settings.ShardCount ?? gateway.Shards;
            var shardIds = settings.ShardIds.Count > 0 ? settings.ShardIds.Distinct().Order().ToList() : [.. Enumerable.Range(0, shardCount)];
            if (shardIds.FirstOrDefault(id => id < 0 || id >= shardCount, -1) is var bad && bad != -1)
            {
                return new DiscordRunResult($"Discord:ShardIds contains {bad}, outside 0..{shardCount - 1} (Discord:ShardCount is {shardCount}).");
            }
            throttle.Configure(gateway.Limit);
            messages.Prepare();
            // What the last stop could not answer goes first, in its channels' order, before the gateway brings new messages.
            if (router is not null && unanswered is not null) router.AnswerKept(unanswered.TakeSaved(DiscordEventRouter.IsDiscordMessage));
            if (gateway.Limit.Remaining < shardIds.Count)
            {
                TransportLog.FewSessionStarts(logger, gateway.Limit.Remaining, shardIds.Count);
            }
            TransportLog.RunningShards(logger, string.Join(",", shardIds), shardCount);
            if (!shardIds.Contains(0)) GatewayLog.NoShardZero(logger, string.Join(",", shardIds)); // Gateway doc, "Sharding": DMs only reach shard 0

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var gatewayUrl = new GatewayUrl(new Uri(gateway.Url), FetchGatewayUrlAsync);
            var intents = new GatewayIntents(settings.MessageContentIntent);
            var context = new GatewayContext(settings.Token!, gatewayUrl, time, jitter, throttle, sink, heartbeatFile, sessions, redactor, intents, logger, stopping.Token);
            var states = await restore.RestoreAsync(shardIds, shardCount, cancellationToken).ConfigureAwait(false);
            var running = states.Select(state => new ShardSession(context, state).RunAsync(stopping.Token)).ToList();
            running.Add(WatchTokenAsync(stopping.Token));
            string? fatal = null;
            try
            {
                while (running.Count > 0)
                {
                    var done = await Task.WhenAny(running).ConfigureAwait(false);
                    running.Remove(done);
                    var exit = await done.ConfigureAwait(false);
                    if (exit.IsFatal && fatal is null)
                    {
                        fatal = exit.FatalMessage;
                        TransportLog.CannotContinue(logger, exit.ShardId, fatal!);
                        await stopping.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                // a shard that failed with a bug must not leave the others running unattended
                await stopping.CancelAsync().ConfigureAwait(false);
                await ((Task)Task.WhenAll(running)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            return new DiscordRunResult(fatal);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return DiscordRunResult.Stopped;
        }
        finally
        {
            await work.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends the run when REST learns the token is bad (a 401 on any call), as a fatal "shard" -1.</summary>
    private async Task<ShardExit> WatchTokenAsync(CancellationToken stop)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(rest.TokenRejection, stopped.Task).ConfigureAwait(false);
        }
        return new ShardExit(-1, rest.TokenRejected ? RejectedToken : null);
    }

    private async Task<Uri?> FetchGatewayUrlAsync(CancellationToken ct)
    {
        var response = await api.GetGatewayBotAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccess || response.Body is null) return null;
        using var document = JsonDocument.Parse(response.Body.ToJsonString());
        return GatewayBotInfo.Parse(document.RootElement) is { } info && Uri.TryCreate(info.Url, UriKind.Absolute, out var url) ? url : null;
    }

    /// <summary>
    /// GET /gateway/bot until it answers (Polly retry: 2^n s, capped at 5 minutes, jittered to 50-100%); a 401 is fatal
    /// (a bad token must not be retried in a loop).
    /// </summary>
    private async Task<(GatewayBotInfo? Info, string? Fatal)> DiscoverAsync(CancellationToken ct)
    {
        var pipeline = new ResiliencePipelineBuilder<Discovery> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Discovery>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Info: null, Fatal: null }),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    DiscordBackoff.After(args.AttemptNumber + 2, ShardSession.FirstBackoff, ShardSession.MaxBackoff, jitter.NextDouble())),
                OnRetry = args =>
                {
                    TransportLog.DiscoveryFailed(logger, args.Outcome.Result?.Problem ?? "unreadable answer", args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
        var found = await pipeline.ExecuteAsync(async token => await DiscoverOnceAsync(token).ConfigureAwait(false), ct).ConfigureAwait(false);
        return (found.Info, found.Fatal);
    }

    private async Task<Discovery> DiscoverOnceAsync(CancellationToken ct)
    {
        var response = await api.GetGatewayBotAsync(ct).ConfigureAwait(false);
        if (response.Status == 401) return new Discovery(null, RejectedToken, null);
        if (response.IsSuccess && response.Body is not null)
        {
            using var document = JsonDocument.Parse(response.Body.ToJsonString());
            if (GatewayBotInfo.Parse(document.RootElement) is { } info) return new Discovery(info, null, null);
        }
        return new Discovery(null, null, response.Problem);
    }

    private sealed record Discovery(GatewayBotInfo? Info, string? Fatal, string? Problem);
}
