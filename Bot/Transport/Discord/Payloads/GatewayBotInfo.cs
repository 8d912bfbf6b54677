using System.Text.Json;

namespace CompanionBot.Transport.Discord.Payloads;

/// <summary>GET /gateway/bot: where to connect, how many shards Discord recommends, and the identify budget.</summary>
public sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit Limit)
{
    public static GatewayBotInfo? Parse(JsonElement e)
    {
        if (e.Str("url") is not { Length: > 0 } url) return null;
        var limit = e.Child("session_start_limit") is { } l
            ? new SessionStartLimit(l.Int("total") ?? 1000, l.Int("remaining") ?? 1000, TimeSpan.FromMilliseconds(l.Long("reset_after") ?? 0), Math.Max(1, l.Int("max_concurrency") ?? 1))
            : new SessionStartLimit(1000, 1000, TimeSpan.Zero, 1);
        return new GatewayBotInfo(url, Math.Max(1, e.Int("shards") ?? 1), limit);
    }
}

public sealed record SessionStartLimit(int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
