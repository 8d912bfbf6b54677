using System.Globalization;
using System.Text.Json.Nodes;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// The fake's memory of channels: every message it dispatched or the bot posted, kept per channel so
/// GET /channels/{id}/messages?after= answers as Discord does (newest first, at most limit), DM channels for
/// GET /channels/{id}, the guilds GUILD_CREATE announced; and, when asked, Discord's global limit of 50 requests a
/// second per bot (Rate Limits, "Global Rate Limit"), answered with a global 429 and counted.
/// </summary>
public sealed partial class FakeDiscord
{
    /// <summary>Discord's epoch (Reference, "Snowflakes"): ids carry their creation time in ms since 2015.</summary>
    public const long DiscordEpochMs = 1_420_070_400_000;

    private readonly Lock _history = new();
    private readonly Dictionary<string, List<JsonNode>> _messages = [];
    private readonly Dictionary<string, JsonNode> _dmChannels = [];
    private readonly Queue<long> _globalWindow = new();
    private static long _snowflakeIncrement;

    /// <summary>Enforce the global 50 requests/s (interaction callbacks exempt, as on Discord).</summary>
    public bool EnforceGlobalLimit { get; set; }

    /// <summary>Requests that arrived past the global limit (each answered 429).</summary>
    public int RequestsPastGlobalLimit { get; private set; }

    /// <summary>A snowflake minted now on the real clock, as Discord mints them (Discord.Net refuses an interaction older than 3 s).</summary>
    public static string Snowflake(DateTimeOffset? at = null)
    {
        var ms = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() - DiscordEpochMs;
        return ((ms << 22) | (Interlocked.Increment(ref _snowflakeIncrement) & 0xFFF)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A message the member sends while the bot is down: Discord keeps it in the channel, no one is told.</summary>
    public void PostWhileDown(JsonNode message) => Remember(message);

    /// <summary>
    /// A guild as GUILD_CREATE sends it (Gateway Events, "Guild Create"): text channels, an @everyone role with
    /// <paramref name="everyonePermissions"/>, the bot as a member, and the fields Discord.Net reads.
    /// </summary>
    public static JsonObject GuildCreate(string guildId, IEnumerable<string> channelIds, ulong everyonePermissions = 0, JsonArray? roles = null, JsonArray? members = null)
    {
        var allRoles = new JsonArray(Role(guildId, "@everyone", everyonePermissions));
        foreach (var role in roles ?? []) allRoles.Add(role!.DeepClone());
        var allMembers = new JsonArray(Member(BotUserId, "companion", bot: true));
        foreach (var member in members ?? []) allMembers.Add(member!.DeepClone());
        return new JsonObject
        {
            ["id"] = guildId,
            ["name"] = "test guild",
            ["owner_id"] = "100000000000000999",
            ["unavailable"] = false,
            ["member_count"] = allMembers.Count,
            ["large"] = false,
            ["joined_at"] = "2026-01-01T00:00:00+00:00",
            ["roles"] = allRoles,
            ["channels"] = new JsonArray([.. channelIds.Select((id, i) => (JsonNode)new JsonObject { ["id"] = id, ["type"] = 0, ["name"] = "channel-" + i, ["position"] = i, ["guild_id"] = guildId, ["permission_overwrites"] = new JsonArray() })]),
            ["members"] = allMembers,
            ["presences"] = new JsonArray(),
            ["voice_states"] = new JsonArray(),
            ["threads"] = new JsonArray(),
            ["stage_instances"] = new JsonArray(),
            ["guild_scheduled_events"] = new JsonArray(),
            ["emojis"] = new JsonArray(),
            ["stickers"] = new JsonArray(),
            ["features"] = new JsonArray(),
            ["soundboard_sounds"] = new JsonArray(),
        };
    }

    public static JsonObject Role(string id, string name, ulong permissions) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["permissions"] = permissions.ToString(CultureInfo.InvariantCulture),
        ["position"] = 0,
        ["color"] = 0,
        ["hoist"] = false,
        ["managed"] = false,
        ["mentionable"] = false,
        ["flags"] = 0,
    };

    public static JsonObject Member(string userId, string name, bool bot = false, params string[] roleIds) => new()
    {
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = name, ["bot"] = bot, ["discriminator"] = "0" },
        ["roles"] = new JsonArray([.. roleIds.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["joined_at"] = "2026-01-01T00:00:00+00:00",
        ["deaf"] = false,
        ["mute"] = false,
    };

    private void Remember(JsonNode message)
    {
        var copy = message.DeepClone();
        copy["timestamp"] ??= DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var channel = (string?)copy["channel_id"] ?? "";
        lock (_history)
        {
            if (!_messages.TryGetValue(channel, out var list)) _messages[channel] = list = [];
            list.Add(copy);
            if (copy["guild_id"] is null && (string?)copy["author"]?["id"] is { } author && author != BotUserId && !_dmChannels.ContainsKey(channel))
            {
                _dmChannels[channel] = new JsonObject { ["id"] = channel, ["type"] = 1, ["recipients"] = new JsonArray(copy["author"]!.DeepClone()) };
            }
        }
    }

    private void RememberGuild(JsonNode guild)
    {
    }

    /// <summary>The message Discord returns for a POST (Message resource, "Message Object"), remembered in its channel.</summary>
    private JsonObject SentMessage(RecordedRequest r, string id)
    {
        var channel = r.Path.Split('/')[1];
        var message = new JsonObject
        {
            ["id"] = id,
            ["channel_id"] = channel,
            ["type"] = r.Body?["message_reference"] is null ? 0 : 19,
            ["content"] = (string?)r.Body?["content"] ?? "",
            ["author"] = new JsonObject { ["id"] = BotUserId, ["username"] = "companion", ["bot"] = true, ["discriminator"] = "0" },
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["pinned"] = false,
        };
        if (r.Body?["message_reference"] is { } reference) message["message_reference"] = reference.DeepClone();
        Remember(message);
        return message;
    }

    private ScriptedResponse? Channels(RecordedRequest r)
    {
        var parts = r.Path.Split('/');
        if (r.Method != "GET" || parts is not ["channels", var channel, ..]) return null;
        lock (_history)
        {
            if (parts.Length == 2)
            {
                return _dmChannels.TryGetValue(channel, out var dm) ? new ScriptedResponse(200, dm.ToJsonString()) : FakeDiscordRules.Error(404, 10003, "Unknown Channel");
            }
            if (parts is not [_, _, "messages"]) return null;
            var query = System.Web.HttpUtility.ParseQueryString(r.Query ?? "");
            var after = ulong.TryParse(query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
            var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 50;
            var found = _messages.GetValueOrDefault(channel) ?? [];
            // Message resource, "Get Channel Messages": with after, the oldest `limit` messages after it, newest first
            var page = found.Where(m => ulong.Parse((string)m["id"]!, CultureInfo.InvariantCulture) > after)
                .OrderBy(m => ulong.Parse((string)m["id"]!, CultureInfo.InvariantCulture)).Take(limit).Reverse();
            return new ScriptedResponse(200, new JsonArray([.. page.Select(m => m.DeepClone())]).ToJsonString());
        }
    }

    private ScriptedResponse? GlobalLimit(RecordedRequest r)
    {
        if (!EnforceGlobalLimit || r.Path.StartsWith("interactions/", StringComparison.Ordinal)) return null;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_globalWindow)
        {
            while (_globalWindow.Count > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_globalWindow.Peek(), now) >= TimeSpan.FromSeconds(1)) _globalWindow.Dequeue();
            if (_globalWindow.Count < 50)
            {
                _globalWindow.Enqueue(now);
                return null;
            }
            RequestsPastGlobalLimit++;
        }
        return new ScriptedResponse(429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 0.2, ["global"] = true }.ToJsonString(),
            new Dictionary<string, string> { ["Retry-After"] = "1", ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" });
    }
}
