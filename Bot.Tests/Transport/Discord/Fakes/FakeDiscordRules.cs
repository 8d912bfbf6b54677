using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// What Discord's REST side refuses, so tests cannot encode the bot's own assumptions:
/// interaction callbacks (Receiving and Responding: "Interaction Response", 3 s to acknowledge, once only, 15 minutes
/// for edits) and message creation (Message resource: "Create Message", content 2000 characters, nonce 25, a reply
/// needs Read Message History). Error codes from Opcodes and Status Codes, "JSON Error Codes".
/// </summary>
public sealed class FakeDiscordRules(Func<DateTimeOffset> now)
{
    public static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Interaction> _byId = new();
    private readonly ConcurrentDictionary<string, Interaction> _byToken = new();

    /// <summary>Channels where the bot lacks Read Message History: a reply (message_reference) there fails with 160002.</summary>
    public ConcurrentDictionary<string, bool> NoReadHistoryChannels { get; } = new();

    /// <summary>Called for every INTERACTION_CREATE the gateway sends: the 3 s clock starts then.</summary>
    public void Created(JsonNode interaction)
    {
        var created = new Interaction((string)interaction["id"]!, (string)interaction["token"]!, (string?)interaction["application_id"], now());
        _byId[created.Id] = created;
        _byToken[created.Token] = created;
    }

    /// <summary>The refusal Discord would send, or null when the request is acceptable.</summary>
    public ScriptedResponse? Check(RecordedRequest r)
    {
        var parts = r.Path.Split('/');
        if (r.Method == "POST" && parts is ["interactions", var id, var token, "callback"]) return Callback(id, token, r.Body);
        if (parts is ["webhooks", var app, var hookToken, "messages", "@original"] && r.Method == "PATCH") return EditOriginal(app, hookToken);
        if (r.Method == "POST" && parts is ["channels", var channel, "messages"]) return CreateMessage(channel, r.Body, r.Files);
        return null;
    }

    private ScriptedResponse? Callback(string id, string token, JsonNode? body)
    {
        if (!_byId.TryGetValue(id, out var interaction) || interaction.Token != token) return Error(404, 10062, "Unknown interaction");
        if (now() - interaction.CreatedAt > AcknowledgeWithin) return Error(404, 10062, "Unknown interaction");
        if (FieldsProblem(body) is { } problem) return Error(400, 50035, "Invalid Form Body: " + problem);
        lock (interaction)
        {
            if (interaction.Acknowledged) return Error(400, 40060, "Interaction has already been acknowledged.");
            interaction.Acknowledged = true;
        }
        return null;
    }

    /// <summary>Receiving and Responding, "Interaction Callback Type" and "Messages": what each response type may carry.</summary>
    private static string? FieldsProblem(JsonNode? body)
    {
        var type = (int?)body?["type"];
        var data = body?["data"] as JsonObject;
        var flags = data?["flags"] is JsonValue f ? (int)f : 0;
        return type switch
        {
            4 when (flags & ~(4 | 64 | 4096 | 32768)) != 0 => "flags: only SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS and IS_COMPONENTS_V2 may be set",
            4 => null,
            5 when data is not null && (data.Any(p => p.Key != "flags") || (flags & ~64) != 0) => "a deferred response carries only the EPHEMERAL flag",
            5 => null,
            6 when data is not null => "a deferred update carries no data",
            6 => null,
            7 when data is not null && data.ContainsKey("flags") && (flags & ~(4 | 32768)) != 0 => "an update cannot change EPHEMERAL",
            7 => null,
            _ => $"type {type?.ToString(CultureInfo.InvariantCulture) ?? "missing"} is not a response to a gateway interaction",
        };
    }

    private ScriptedResponse? EditOriginal(string applicationId, string token)
    {
        if (!_byToken.TryGetValue(token, out var interaction) || (interaction.ApplicationId is { } app && app != applicationId)) return Error(404, 10015, "Unknown Webhook");
        if (now() - interaction.CreatedAt > TokenLifetime) return Error(401, 50027, "Invalid Webhook Token");
        lock (interaction)
        {
            if (!interaction.Acknowledged) return Error(404, 10008, "Unknown Message");
        }
        return null;
    }

    private ScriptedResponse? CreateMessage(string channelId, JsonNode? body, IReadOnlyDictionary<string, string>? files)
    {
        var content = (string?)body?["content"] ?? "";
        if (content.Length == 0 && files is not { Count: > 0 } && body?["embeds"] is null) return Error(400, 50006, "Cannot send an empty message");
        if (content.Length > 2000) return Error(400, 50035, "Invalid Form Body: content: Must be 2000 or fewer in length.");
        if (((string?)body?["nonce"])?.Length > 25) return Error(400, 50035, "Invalid Form Body: nonce: Must be 25 or fewer in length.");
        if (body?["message_reference"] is not null && NoReadHistoryChannels.ContainsKey(channelId))
        {
            return Error(400, 160002, "Cannot reply without permission to read message history");
        }
        return null;
    }

    public static ScriptedResponse Error(int status, int code, string message) =>
        new(status, new JsonObject { ["message"] = message, ["code"] = code }.ToJsonString());

    private sealed class Interaction(string id, string token, string? applicationId, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public string Token { get; } = token;

        public string? ApplicationId { get; } = applicationId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public bool Acknowledged { get; set; }
    }
}
