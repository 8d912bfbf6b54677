using Discord;
using Discord.WebSocket;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Discord.Net's events, handed off at once: each handler returns without waiting (Discord.Net runs them on the
/// gateway task) after queueing the work in <see cref="BackgroundWork"/>, which answers a channel's messages in order
/// and interactions straight away. A message or interaction id is handled once (a replay, or the catch-up reading a
/// message already seen); the pipeline's handled-id store stops anything older. On every READY: the bot's identity,
/// the command registration, and the catch-up of channels with recent conversations on that shard.
/// </summary>
public sealed partial class DiscordNetEvents(
    DiscordSelf self,
    DiscordMessageHandler messages,
    BackgroundWork work,
    RecentChannels recent,
    DiscordNetChannels channels,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordNetEvents> logger)
{
    private readonly RecentIds _seen = new();
    private int _registered;


    public void Attach(DiscordShardedClient client, Func<int> shardCount)
    {
        client.MessageReceived += message =>
        {
            OnMessage(message, DiscordNetMessages.GuildOf(message.Channel), message.Channel);
            return Task.CompletedTask;
        };
        client.InteractionCreated += interaction =>
        {
            OnInteraction(interaction);
            return Task.CompletedTask;
        };
        client.ShardReady += shard =>
        {
            OnReady(shard, shardCount());
            return Task.CompletedTask;
        };
        client.GuildAvailable += guild =>
        {
            LearnRole(guild);
            return Task.CompletedTask;
        };
        client.JoinedGuild += guild =>
        {
            LearnRole(guild);
            return Task.CompletedTask;
        };
    }

    /// <summary>A message, live or read back: accepted (who is answered) and queued in its channel's order.</summary>
    public void OnMessage(IMessage message, ulong? guildId, IMessageChannel channel)
    {
        var receivedAt = time.GetUtcNow();
        if (DiscordNetMessages.Read(message, guildId) is not { } read || !_seen.Add("message:" + read.Id)) return;
        if (messages.Accept(read, receivedAt) is not { } inbound) return;
        channels.Remember(read.ChannelId, channel);
        work.Run(read.ChannelId, $"message {read.Id}", DiscordEventRouter.MessageTimeout,
            (scope, ct) => scope.GetRequiredService<DiscordNetReplier>().ReplyAsync(inbound, channel, read.GuildId, ct),
            DiscordBurstListener.ReleaseId(read.Id));
    }

    private void OnInteraction(SocketInteraction interaction)
    {
        var receivedAt = time.GetUtcNow();
        var id = DiscordNetMessages.Id(interaction.Id);
        if (!_seen.Add("interaction:" + id)) return;
        work.Run(null, $"interaction {id}", DiscordEventRouter.InteractionTimeout,
            (scope, ct) => scope.GetRequiredService<DiscordNetInteractions>().HandleAsync(interaction, receivedAt, ct));
    }

    private void OnReady(DiscordSocketClient shard, int shardCount)
    {
        var me = DiscordNetMessages.Id(shard.CurrentUser.Id);
        self.Learn(me, "");
        foreach (var guild in shard.Guilds) LearnRole(guild);
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            work.Run(null, "slash command registration", DiscordEventRouter.RegistrationTimeout, async (scope, ct) =>
            {
                var application = await shard.GetApplicationInfoAsync(new RequestOptions { CancelToken = ct }).ConfigureAwait(false);
                self.Learn(me, DiscordNetMessages.Id(application.Id));
                await scope.GetRequiredService<DiscordNetCommandRegistrar>().EnsureRegisteredAsync(shard.Rest, DiscordNetMessages.Id(application.Id), ct).ConfigureAwait(false);
            });
        }
        work.Run(null, $"catch-up on shard {shard.ShardId}", DiscordEventRouter.RegistrationTimeout, (_, ct) => CatchUpAsync(shard, shardCount, ct));
    }

    /// <summary>
    /// Reads what was written since the last handled message in each recent channel of this shard (DMs come to shard
    /// 0; a guild to (guild_id &gt;&gt; 22) % shards, Gateway doc "Sharding"), oldest first, through the live path.
    /// </summary>
    private async Task CatchUpAsync(DiscordSocketClient shard, int shardCount, CancellationToken ct)
    {
        var read = 0;
        foreach (var mark in recent.ToCatchUp())
        {
            var guildId = mark.GuildId is { } g ? DiscordNetMessages.Parse(g) : (ulong?)null;
            var shardOfMark = guildId is { } guild ? (int)((guild >> 22) % (ulong)Math.Max(1, shardCount)) : 0;
            if (shardOfMark != shard.ShardId) continue;
            var channelId = DiscordNetMessages.Parse(mark.ChannelId);
            var request = new RequestOptions { CancelToken = ct };
            try
            {
                var channel = shard.GetChannel(channelId) as IMessageChannel
                    ?? await shard.Rest.GetChannelAsync(channelId, request).ConfigureAwait(false) as IMessageChannel;
                if (channel is null) continue;
                var page = await channel.GetMessagesAsync(DiscordNetMessages.Parse(mark.LastMessageId), Direction.After, options.Value.CatchUpMessages, CacheMode.AllowDownload, request)
                    .FlattenAsync().ConfigureAwait(false);
                foreach (var message in page.OrderBy(m => m.Id))
                {
                    OnMessage(message, guildId, channel);
                    read++;
                }
            }
            catch (global::Discord.Net.HttpException ex)
            {
                LogCatchUpRefused(logger, mark.ChannelId, (int?)ex.DiscordCode ?? (int)ex.HttpCode);
            }
        }
        LogCaughtUp(logger, shard.ShardId, read);
    }

    /// <summary>Permissions topic, "Role Object": a bot's managed role carries tags.bot_id; members mention it too.</summary>
    private void LearnRole(SocketGuild guild)
    {
        if (self.UserId is not { } me) return;
        var role = guild.Roles.FirstOrDefault(r => r.Tags?.BotId is { } bot && DiscordNetMessages.Id(bot) == me);
        if (role is not null) self.LearnRole(DiscordNetMessages.Id(guild.Id), DiscordNetMessages.Id(role.Id));
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Shard {ShardId}: read {Count} messages written while the bot was away")]
    private static partial void LogCaughtUp(ILogger logger, int shardId, int count);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Channel {ChannelId}: its recent messages could not be read ({Code})")]
    private static partial void LogCatchUpRefused(ILogger logger, string channelId, int code);
}
