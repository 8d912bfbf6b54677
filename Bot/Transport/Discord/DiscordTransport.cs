using System.Text.Json;
using CompanionBot.Common;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompanionBot.Transport.Discord;

/// <summary>How the transport stopped: cleanly, or with one line naming what the operator must fix.</summary>
public sealed record DiscordRunResult(string? FatalMessage)
{
    public static DiscordRunResult Stopped { get; } = new((string?)null);

    public bool IsFatal => FatalMessage is not null;
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
    BackgroundWork work,
    IRandomSource jitter,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordTransport> logger)
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
            if (gateway.Limit.Remaining < shardIds.Count)
            {
                logger.LogWarning("Only {Remaining} session starts left today for {Shards} shard(s); identifies will wait for the budget to reset", gateway.Limit.Remaining, shardIds.Count);
            }
            logger.LogInformation("Running shard(s) {Ids} of {Count}", string.Join(",", shardIds), shardCount);

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var gatewayUrl = new GatewayUrl(new Uri(gateway.Url), FetchGatewayUrlAsync);
            var context = new GatewayContext(settings.Token!, gatewayUrl, time, jitter, throttle, sink, heartbeatFile, sessions, redactor, logger, stopping.Token);
            var running = shardIds.Select(id => new ShardSession(context, RestoredState(id, shardCount)).RunAsync(stopping.Token)).ToList();
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
                        logger.LogCritical("Discord transport cannot continue (shard {Shard}): {Message}", exit.ShardId, fatal);
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

    private ShardState RestoredState(int shardId, int shardCount)
    {
        var state = new ShardState(shardId, shardCount);
        if (sessions.Find(shardId, shardCount) is { } saved)
        {
            state.SessionId = saved.SessionId;
            state.ResumeUrl = saved.ResumeUrl;
            if (saved.Sequence is { } seq) state.See(seq);
            logger.LogInformation("Shard {Shard}: resuming the session saved {Ago:0} s ago", shardId, (time.GetUtcNow() - saved.SavedAt).TotalSeconds);
        }
        return state;
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

    /// <summary>GET /gateway/bot until it answers; a 401 is fatal (a bad token must not be retried in a loop).</summary>
    private async Task<(GatewayBotInfo? Info, string? Fatal)> DiscoverAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await api.GetGatewayBotAsync(ct).ConfigureAwait(false);
            if (response.Status == 401) return (null, RejectedToken);
            if (response.IsSuccess && response.Body is not null)
            {
                using var document = JsonDocument.Parse(response.Body.ToJsonString());
                if (GatewayBotInfo.Parse(document.RootElement) is { } info) return (info, null);
            }
            var wait = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempt, 9))) * (0.5 + jitter.NextDouble() / 2));
            logger.LogWarning("GET /gateway/bot failed ({Problem}); trying again in {Seconds:0} s", response.Problem ?? "unreadable answer", wait.TotalSeconds);
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }
}
