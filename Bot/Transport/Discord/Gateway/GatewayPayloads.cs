using System.Text.Json.Nodes;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>The frames the bot sends to the gateway.</summary>
public static class GatewayPayloads
{
    public const int MaxPayloadBytes = 4096;

    public static string Heartbeat(long? sequence) =>
        new JsonObject { ["op"] = 1, ["d"] = sequence is { } s ? JsonValue.Create(s) : null }.ToJsonString();

    public static string Identify(string token, int shardId, int shardCount, int intents) => new JsonObject
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["properties"] = new JsonObject { ["os"] = OperatingSystemName(), ["browser"] = "companionbot", ["device"] = "companionbot" },
            ["shard"] = new JsonArray(shardId, shardCount),
            ["large_threshold"] = 50,
            ["presence"] = new JsonObject { ["since"] = null, ["activities"] = new JsonArray(), ["status"] = "online", ["afk"] = false },
            ["compress"] = false,
        },
    }.ToJsonString();

    public static string Resume(string token, string sessionId, long? sequence) => new JsonObject
    {
        ["op"] = 6,
        ["d"] = new JsonObject { ["token"] = token, ["session_id"] = sessionId, ["seq"] = sequence is { } s ? JsonValue.Create(s) : null },
    }.ToJsonString();

    private static string OperatingSystemName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
}
