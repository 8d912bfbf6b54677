using Discord;
using Discord.Net;
using Discord.Net.Rest;
using Discord.WebSocket;
using GatewayIntents = Discord.GatewayIntents;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// The bot on Discord.Net (Discord:Client=discordnet): one <see cref="DiscordShardedClient"/> running this process's
/// Discord:ShardIds of Discord:ShardCount (all of Discord's recommendation when unset), its REST pointed at
/// Discord:ApiBaseUrl through <see cref="BudgetedRestClient"/> (and with it GET /gateway/bot, hence the gateway).
/// Runs until cancelled or a fatal close (4004, 4010-4013: one line naming the setting, exit 2). Close 4014 (Message
/// Content refused) starts the client again without that intent, so DMs and mentions are still answered.
/// </summary>
public sealed partial class DiscordNetTransport(
    IOptions<DiscordOptions> options,
    DiscordNetEvents events,
    GlobalRequestBudget budget,
    BackgroundWork work,
    DiscordMessageHandler messages,
    HeartbeatFile heartbeat,
    SecretRedactor redactor,
    ILogger<DiscordNetTransport> logger) : IDiscordTransport
{
    public async Task<DiscordRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasToken) return new DiscordRunResult(DiscordTransport.MissingToken);
        if (settings.ShardIds.Count > 0 && settings.ShardCount is null)
        {
            return new DiscordRunResult("Discord:ShardIds needs Discord:ShardCount with Discord:Client=discordnet (every process must agree on the total).");
        }
        if (settings.ShardIds.FirstOrDefault(id => id < 0 || id >= settings.ShardCount, -1) is var bad && bad != -1)
        {
            return new DiscordRunResult($"Discord:ShardIds contains {bad}, outside 0..{settings.ShardCount - 1} (Discord:ShardCount is {settings.ShardCount}).");
        }
        messages.Prepare();
        var messageContent = settings.MessageContentIntent;
        try
        {
            while (true)
            {
                var end = await RunClientAsync(settings, messageContent, cancellationToken).ConfigureAwait(false);
                if (end.CloseCode == CloseCodePolicy.DisallowedIntents && messageContent)
                {
                    GatewayLog.MessageContentRefused(logger, -1);
                    messageContent = false;
                    continue;
                }
                return end.Result;
            }
        }
        finally
        {
            await work.StopAsync().ConfigureAwait(false);
        }
    }

    private async Task<ClientEnd> RunClientAsync(DiscordOptions settings, bool messageContent, CancellationToken ct)
    {
        var apiBase = settings.ApiBaseUrl.TrimEnd('/') + "/";
        var config = new DiscordSocketConfig
        {
            GatewayIntents = GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.DirectMessages
                | (messageContent ? GatewayIntents.MessageContent : GatewayIntents.None),
            TotalShards = settings.ShardCount,
            RestClientProvider = _ => new BudgetedRestClient(DefaultRestClientProvider.Create()(apiBase), budget),
            // Rate limits are waited out; a timed-out send is not retried blindly (Discord.Net sends no nonce)
            DefaultRetryMode = RetryMode.RetryRatelimit,
            MessageCacheSize = 0,
            AlwaysDownloadUsers = false,
            LogGatewayIntentWarnings = false,
            LogLevel = LogSeverity.Info,
        };
        var shardIds = settings.ShardIds.Count > 0 ? settings.ShardIds.Distinct().Order().ToArray() : null;
        using var client = shardIds is null ? new DiscordShardedClient(config) : new DiscordShardedClient(shardIds, config);
        var ended = new TaskCompletionSource<ClientEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Log += message =>
        {
            Log(message);
            return Task.CompletedTask;
        };
        client.ShardDisconnected += (exception, shard) =>
        {
            if (CloseCode(exception) is { } code && (code == CloseCodePolicy.DisallowedIntents || CloseCodePolicy.For(code).Action == AfterClose.Fatal))
            {
                ended.TrySetResult(new ClientEnd(new DiscordRunResult(CloseCodePolicy.For(code).FixMessage), code));
            }
            return Task.CompletedTask;
        };
        client.ShardLatencyUpdated += (_, _, _) =>
        {
            heartbeat.Touch();
            return Task.CompletedTask;
        };
        events.Attach(client, () => settings.ShardCount ?? client.Shards.Count);
        try
        {
            await client.LoginAsync(TokenType.Bot, settings.Token, validateToken: false).ConfigureAwait(false);
            TransportLog.RunningShards(logger, string.Join(",", client.Shards.Select(s => s.ShardId)), settings.ShardCount ?? client.Shards.Count);
            if (!client.Shards.Any(s => s.ShardId == 0)) GatewayLog.NoShardZero(logger, string.Join(",", client.Shards.Select(s => s.ShardId)));
            await client.StartAsync().ConfigureAwait(false);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (ct.Register(() => stopped.TrySetResult()))
            {
                await Task.WhenAny(ended.Task, stopped.Task).ConfigureAwait(false);
            }
        }
        catch (HttpException ex) when (ex.HttpCode == System.Net.HttpStatusCode.Unauthorized)
        {
            ended.TrySetResult(new ClientEnd(new DiscordRunResult(DiscordTransport.RejectedToken), null));
        }
        finally
        {
            await client.StopAsync().ConfigureAwait(false);
        }
        if (ended.Task.IsCompleted)
        {
            var end = await ended.Task.ConfigureAwait(false);
            if (end.Result.IsFatal) TransportLog.CannotContinue(logger, -1, end.Result.FatalMessage!);
            return end;
        }
        return new ClientEnd(DiscordRunResult.Stopped, null);
    }

    /// <summary>The gateway close code somewhere in what Discord.Net reports for a lost connection.</summary>
    public static int? CloseCode(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is WebSocketClosedException closed) return closed.CloseCode;
        }
        return null;
    }

    private void Log(LogMessage message)
    {
        var level = message.Severity switch
        {
            LogSeverity.Critical => LogLevel.Critical,
            LogSeverity.Error => LogLevel.Error,
            LogSeverity.Warning => LogLevel.Warning,
            LogSeverity.Info => LogLevel.Information,
            LogSeverity.Verbose => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        var text = redactor.Redact(message.Message ?? "") + (message.Exception is { } ex ? " " + redactor.Describe(ex) : "");
        LogDiscordNet(logger, level, message.Source ?? "Discord.Net", text);
    }

    [LoggerMessage(EventId = 2001, Message = "{Source}: {Text}")]
    private static partial void LogDiscordNet(ILogger logger, LogLevel level, string source, string text);

    private sealed record ClientEnd(DiscordRunResult Result, int? CloseCode);
}
