using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Picks up the sessions a previous process saved, and makes sure the bot knows who it is before it serves a resumed
/// one. Gateway doc, "Resuming": a resumed session gets the missed events and RESUMED, never READY, so the user id (to
/// see DMs and mentions) and the application id (commands) come from the saved session, or else from REST
/// (GET /users/@me, GET /applications/@me). When neither works the saved session is dropped: a fresh Identify costs a
/// session start but brings READY, which is better than a bot that ignores every message.
/// </summary>
public sealed partial class SessionRestore(SessionFile sessions, DiscordApi api, IGatewayEventSink sink, TimeProvider time, ILogger<SessionRestore> logger)
{
    public async Task<IReadOnlyList<ShardState>> RestoreAsync(IReadOnlyList<int> shardIds, int shardCount, CancellationToken ct)
    {
        var states = shardIds.Select(id => Restored(id, shardCount)).ToList();
        var resuming = states.Where(s => s.CanResume).ToList();
        if (resuming.Count == 0) return states;

        var known = resuming.FirstOrDefault(s => s.UserId is not null && !string.IsNullOrEmpty(s.ApplicationId));
        var (userId, applicationId) = known is not null ? (known.UserId, known.ApplicationId) : await FetchAsync(ct).ConfigureAwait(false);
        if (userId is null || string.IsNullOrEmpty(applicationId))
        {
            LogIdentityUnknown(logger);
            foreach (var state in resuming) state.ClearSession();
            return states;
        }
        foreach (var state in resuming)
        {
            state.UserId = userId;
            state.ApplicationId = applicationId;
        }
        sink.OnIdentity(userId, applicationId);
        return states;
    }

    private ShardState Restored(int shardId, int shardCount)
    {
        var state = new ShardState(shardId, shardCount);
        if (sessions.Find(shardId, shardCount) is not { } saved) return state;
        state.SessionId = saved.SessionId;
        state.ResumeUrl = saved.ResumeUrl;
        state.UserId = saved.UserId;
        state.ApplicationId = saved.ApplicationId;
        if (saved.Sequence is { } seq) state.See(seq);
        LogResuming(logger, shardId, (time.GetUtcNow() - saved.SavedAt).TotalSeconds);
        return state;
    }

    private async Task<(string? UserId, string? ApplicationId)> FetchAsync(CancellationToken ct)
    {
        var user = await api.GetCurrentUserAsync(ct).ConfigureAwait(false);
        var application = await api.GetCurrentApplicationAsync(ct).ConfigureAwait(false);
        return (Id(user), Id(application));
    }

    private static string? Id(RestResponse response) =>
        response.IsSuccess && response.Body?["id"] is { } id && id.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)id : null;

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Shard {Shard}: resuming the session saved {Ago:0} s ago")]
    private static partial void LogResuming(ILogger logger, int shard, double ago);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Cannot tell who the bot is for the saved session (not saved, and GET /users/@me or /applications/@me failed); identifying afresh instead of resuming")]
    private static partial void LogIdentityUnknown(ILogger logger);
}
