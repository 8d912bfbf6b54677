using System.Text.Json;

namespace CompanionBot.Transport.Discord.Payloads;

/// <summary>What READY tells us: the session to resume, where to resume it, who we are.</summary>
public sealed record ReadyEvent(string SessionId, string? ResumeGatewayUrl, string UserId, string ApplicationId)
{
    public static ReadyEvent? Parse(JsonElement d)
    {
        var session = d.Str("session_id");
        var user = d.Child("user")?.Str("id");
        var app = d.Child("application")?.Str("id");
        if (session is null || user is null) return null;
        return new ReadyEvent(session, d.Str("resume_gateway_url"), user, app ?? "");
    }
}
