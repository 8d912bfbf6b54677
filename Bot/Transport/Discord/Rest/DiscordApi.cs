using System.Text.Json.Nodes;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>The Discord endpoints the bot uses, each with its route template and major parameter.</summary>
public sealed class DiscordApi(DiscordRestClient rest)
{
    public Task<RestResponse> GetGatewayBotAsync(CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Get, "gateway/bot", "gateway/bot", "", null), ct);

    /// <summary>GET /users/@me (User resource, "Get Current User"): the bot's own user id.</summary>
    public Task<RestResponse> GetCurrentUserAsync(CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Get, "users/@me", "users/@me", "", null), ct);

    /// <summary>GET /applications/@me (Application resource, "Get Current Application"): the bot's application id.</summary>
    public Task<RestResponse> GetCurrentApplicationAsync(CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Get, "applications/@me", "applications/@me", "", null), ct);

    /// <summary>The only way a message is created; see <see cref="DiscordMessenger"/>, which adds allowed_mentions to every send.</summary>
    internal Task<RestResponse> CreateMessageAsync(string channelId, JsonObject body, CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Post, "channels/{channel}/messages", $"channels/{channelId}/messages", channelId, body), ct);

    public Task<RestResponse> TriggerTypingAsync(string channelId, CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Post, "channels/{channel}/typing", $"channels/{channelId}/typing", channelId, null, SkipWhenRateLimited: true), ct);

    public Task<RestResponse> BulkOverwriteGlobalCommandsAsync(string applicationId, JsonArray commands, CancellationToken ct) =>
        rest.SendAsync(new RestRequest(HttpMethod.Put, "applications/{app}/commands", $"applications/{applicationId}/commands", applicationId, commands), ct);

    internal Task<RestResponse> InteractionCallbackAsync(string interactionId, string token, JsonObject body, CancellationToken ct, Commands.CommandFile? file = null) =>
        rest.SendAsync(new RestRequest(HttpMethod.Post, "interactions/{id}/{token}/callback", $"interactions/{interactionId}/{token}/callback", interactionId, body, IsInteraction: true, File: file, Timeout: CallbackTimeout, RetryFailures: false), ct);

    /// <summary>
    /// Receiving and Responding, "Responding to an Interaction": the first response must reach Discord within 3 s of the
    /// interaction, so a callback that has not been answered in this time is over; it is never tried again.
    /// </summary>
    public static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(2.5);

    internal Task<RestResponse> EditOriginalResponseAsync(string applicationId, string token, JsonObject body, CancellationToken ct, Commands.CommandFile? file = null) =>
        rest.SendAsync(new RestRequest(HttpMethod.Patch, "webhooks/{app}/{token}/messages/@original", $"webhooks/{applicationId}/{token}/messages/@original", $"{applicationId}/{token}", body, IsInteraction: true, File: file), ct);
}
