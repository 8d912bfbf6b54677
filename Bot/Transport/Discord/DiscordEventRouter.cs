using System.Text.Json;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Parses gateway dispatches and hands each to its responder through the bounded queue: each message or interaction
/// id is handled once (resumes replay events), messages are stamped on arrival and answered in order per channel (one
/// waiting in a burst lets the next in), interactions go straight to their fast path. Runs on the receive loop, so nothing here waits or reads a database.
/// </summary>
public sealed class DiscordEventRouter(
    DiscordSelf self,
    DiscordMessageHandler messages,
    CommandRegistrar registrar,
    BackgroundWork work,
    TimeProvider time,
    ILogger<DiscordEventRouter> logger,
    UnansweredMessages? unanswered = null) : IGatewayEventSink
{
    /// <summary>A reply may wait on the model; past this it is abandoned (the pipeline's own model timeout is shorter).</summary>
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromMinutes(5);

    /// <summary>An interaction token lives 15 minutes; nothing can be said after that.</summary>
    public static readonly TimeSpan InteractionTimeout = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan RegistrationTimeout = TimeSpan.FromMinutes(2);

    private readonly RecentIds _seen = new();

    public void OnReady(int shardId, ReadyEvent ready) => OnIdentity(ready.UserId, ready.ApplicationId);

    public void OnIdentity(string userId, string applicationId)
    {
        if (self.Learn(userId, applicationId))
        {
            work.Run(null, "slash command registration", RegistrationTimeout, (_, ct) => registrar.EnsureRegisteredAsync(applicationId, ct));
        }
    }

    /// <summary>A Discord message id is a snowflake: what a stop kept from terminal chat is not Discord's to answer.</summary>
    public static bool IsDiscordMessage(InboundMessage message) => ulong.TryParse(message.MessageId, out _);

    /// <summary>Answers the messages a previous stop could not (their channel's order first, before new ones).</summary>
    public void AnswerKept(IReadOnlyList<InboundMessage> kept)
    {
        foreach (var message in kept)
        {
            if (_seen.Add("message:" + message.MessageId)) Answer(message);
        }
    }

    /// <summary>Queues the message for its channel, tracked until answered so a stop can wait for it or keep it.</summary>
    private void Answer(InboundMessage inbound)
    {
        unanswered?.Arrived(inbound);
        var queued = work.Run(inbound.ChannelId, $"message {inbound.MessageId}", MessageTimeout,
            (scope, ct) => scope.GetRequiredService<IDiscordResponder<InboundMessage>>().RespondAsync(inbound, ct),
            DiscordBurstListener.ReleaseId(inbound.MessageId));
        if (!queued) unanswered?.Forget(inbound.MessageId);
    }

    public void OnDispatch(int shardId, string type, JsonElement data)
    {
        var receivedAt = time.GetUtcNow();
        switch (type)
        {
            case "MESSAGE_CREATE":
                if (MessageCreate.Parse(data) is not { } message || !_seen.Add("message:" + message.Id)) return;
                if (messages.Accept(message, receivedAt) is not { } inbound) return;
                Answer(inbound);
                break;
            case "INTERACTION_CREATE":
                if (InteractionCreate.Parse(data) is not { } interaction || !_seen.Add("interaction:" + interaction.Id)) return;
                var received = new ReceivedInteraction(interaction, receivedAt);
                work.Run(null, $"interaction {interaction.Id}", InteractionTimeout,
                    (scope, ct) => scope.GetRequiredService<IDiscordResponder<ReceivedInteraction>>().RespondAsync(received, ct));
                break;
            case "GUILD_CREATE":
                // Permissions topic, "Role Object": a bot's managed role carries tags.bot_id
                if (data.Str("id") is { } guild && self.UserId is { } me
                    && data.Items("roles").FirstOrDefault(r => r.Child("tags")?.Str("bot_id") == me) is { ValueKind: JsonValueKind.Object } role
                    && role.Str("id") is { } roleId)
                {
                    self.LearnRole(guild, roleId);
                }
                break;
            case "RATE_LIMITED":
                TransportLog.GatewayRateLimited(logger, shardId, data.GetRawText());
                break;
            default:
                break;
        }
    }
}
