using System.Text.Json;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Turns gateway dispatches into work: each message or interaction id is handled once (resumes replay events),
/// messages are stamped on arrival and answered in order per channel, interactions go straight to their fast path.
/// </summary>
public sealed class DiscordEventRouter(
    DiscordSelf self,
    DiscordMessageHandler messages,
    DiscordInteractionHandler interactions,
    CommandRegistrar registrar,
    BackgroundWork work,
    TimeProvider time,
    ILogger<DiscordEventRouter> logger) : IGatewayEventSink
{
    private readonly RecentIds _seen = new();

    public void OnReady(int shardId, ReadyEvent ready) => OnIdentity(ready.UserId, ready.ApplicationId);

    public void OnIdentity(string userId, string applicationId)
    {
        if (self.Learn(userId, applicationId))
        {
            work.Run(null, "slash command registration", ct => registrar.EnsureRegisteredAsync(applicationId, ct));
        }
    }

    public void OnDispatch(int shardId, string type, JsonElement data)
    {
        var receivedAt = time.GetUtcNow();
        switch (type)
        {
            case "MESSAGE_CREATE":
                if (MessageCreate.Parse(data) is not { } message || !_seen.Add("message:" + message.Id)) return;
                if (messages.Accept(message, receivedAt) is not { } inbound) return;
                work.Run(message.ChannelId, $"message {message.Id}", ct => messages.ReplyAsync(inbound, ct));
                break;
            case "INTERACTION_CREATE":
                if (InteractionCreate.Parse(data) is not { } interaction || !_seen.Add("interaction:" + interaction.Id)) return;
                work.Run(null, $"interaction {interaction.Id}", ct => interactions.HandleAsync(interaction, receivedAt, ct));
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
                logger.LogWarning("Shard {Shard}: the gateway rate limited a request: {Payload}", shardId, data.GetRawText());
                break;
            default:
                break;
        }
    }
}
