using System.Text.Json.Nodes;
using CompanionBot.Commands;
using CompanionBot.Transport.Discord.Rest;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// The one way anything is said on Discord (channel messages and interaction answers alike): every payload carries
/// allowed_mentions {parse: []} so echoed user or model text can never ping anyone, and replies never ping the user.
/// </summary>
public sealed class DiscordMessenger(DiscordApi api)
{
    public const int MaxContentLength = 2000;
    public const int EphemeralFlag = 1 << 6;
    private const int ChannelMessageWithSource = 4;
    private const int DeferredChannelMessageWithSource = 5;
    private const int DeferredUpdateMessage = 6;

    /// <summary>Sends one message part. A nonce with enforce_nonce makes a retried send return the first message, not a duplicate.</summary>
    public Task<RestResponse> SendAsync(string channelId, string content, string? replyToMessageId, string nonce, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["content"] = Fit(content),
            ["allowed_mentions"] = NoMentions(),
            ["nonce"] = nonce.Length > 25 ? nonce[..25] : nonce,
            ["enforce_nonce"] = true,
        };
        if (replyToMessageId is not null)
        {
            body["message_reference"] = new JsonObject
            {
                ["message_id"] = replyToMessageId,
                ["channel_id"] = channelId,
                ["fail_if_not_exists"] = false,
            };
        }
        return api.CreateMessageAsync(channelId, body, ct);
    }

    public Task<RestResponse> RespondAsync(string interactionId, string token, string content, bool ephemeral, CancellationToken ct) =>
        api.InteractionCallbackAsync(interactionId, token, new JsonObject
        {
            ["type"] = ChannelMessageWithSource,
            ["data"] = InteractionMessage(content, ephemeral),
        }, ct);

    /// <summary>Answers with a command reply: its text, its confirmation button, its file; a pressed button's message is replaced.</summary>
    public Task<RestResponse> AnswerAsync(string interactionId, string token, CommandReply reply, bool replacesMessage, CancellationToken ct) =>
        api.InteractionCallbackAsync(interactionId, token, DiscordCommandJson.Response(reply, replacesMessage), ct, reply.File);

    public Task<RestResponse> EditOriginalAsync(string applicationId, string token, CommandReply reply, CancellationToken ct)
    {
        var data = (JsonObject)DiscordCommandJson.Response(reply)["data"]!.DeepClone();
        data.Remove("flags");
        return api.EditOriginalResponseAsync(applicationId, token, data, ct, reply.File);
    }

    /// <summary>
    /// "Thinking…" (type 5, whose only data is the EPHEMERAL flag), or for a pressed button an acknowledgement that the
    /// message will be updated (type 6, no data at all). Receiving and Responding, "Interaction Callback Type".
    /// </summary>
    public Task<RestResponse> DeferAsync(string interactionId, string token, bool ephemeral, CancellationToken ct, bool updatesMessage = false)
    {
        var body = new JsonObject { ["type"] = updatesMessage ? DeferredUpdateMessage : DeferredChannelMessageWithSource };
        if (!updatesMessage && ephemeral) body["data"] = new JsonObject { ["flags"] = EphemeralFlag };
        return api.InteractionCallbackAsync(interactionId, token, body, ct);
    }

    public Task<RestResponse> EditOriginalAsync(string applicationId, string token, string content, CancellationToken ct) =>
        api.EditOriginalResponseAsync(applicationId, token, new JsonObject
        {
            ["content"] = Fit(content),
            ["allowed_mentions"] = NoMentions(),
        }, ct);

    private static JsonObject InteractionMessage(string content, bool ephemeral)
    {
        var data = new JsonObject { ["content"] = Fit(content), ["allowed_mentions"] = NoMentions() };
        if (ephemeral) data["flags"] = EphemeralFlag;
        return data;
    }

    private static JsonObject NoMentions() => new() { ["parse"] = new JsonArray(), ["replied_user"] = false };

    /// <summary>Parts arrive within the limit; this is a last guard that never splits a surrogate pair.</summary>
    private static string Fit(string content)
    {
        if (content.Length <= MaxContentLength) return content;
        var cut = char.IsHighSurrogate(content[MaxContentLength - 1]) ? MaxContentLength - 1 : MaxContentLength;
        return content[..cut];
    }
}
