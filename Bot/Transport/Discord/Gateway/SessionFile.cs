using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// A shard's session as saved to disk, with who the bot is (user and application id): after a Resume Discord sends no
/// READY (Gateway doc, "Resuming"), so a restarted process cannot learn them from the session it resumes.
/// </summary>
public sealed record SavedSession(int ShardId, int ShardCount, string SessionId, string? ResumeUrl, long? Sequence, DateTimeOffset SavedAt, string? UserId = null, string? ApplicationId = null);

/// <summary>
/// Keeps each shard's session (id, resume url, sequence) in Discord:SessionFile, so a process that crashed and restarts
/// within a few minutes resumes instead of identifying: crash loops then cost no session starts. A clean stop closes
/// with 1000, which ends the session, so it forgets it.
/// </summary>
public sealed class SessionFile(IOptions<DiscordOptions> options, TimeProvider time, ILogger<SessionFile> logger)
{
    /// <summary>Discord keeps a disconnected session resumable for "a few minutes".</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(3);

    private readonly Lock _gate = new();
    private Dictionary<int, SavedSession>? _sessions;

    /// <summary>The shard's saved session when it is recent enough and for the same shard count; else null.</summary>
    public SavedSession? Find(int shardId, int shardCount)
    {
        lock (_gate)
        {
            var saved = Sessions().GetValueOrDefault(shardId);
            return saved is not null && saved.ShardCount == shardCount && time.GetUtcNow() - saved.SavedAt <= MaxAge ? saved : null;
        }
    }

    public void Save(ShardState state)
    {
        lock (_gate)
        {
            if (state.SessionId is null) Sessions().Remove(state.ShardId);
            else Sessions()[state.ShardId] = new SavedSession(state.ShardId, state.ShardCount, state.SessionId, state.ResumeUrl, state.Sequence, time.GetUtcNow(), state.UserId, state.ApplicationId);
            Write();
        }
    }

    public void Forget(int shardId)
    {
        lock (_gate)
        {
            if (Sessions().Remove(shardId)) Write();
        }
    }

    private Dictionary<int, SavedSession> Sessions()
    {
        if (_sessions is not null) return _sessions;
        _sessions = [];
        var path = options.Value.SessionFile;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return _sessions;
        try
        {
            foreach (var s in JsonSerializer.Deserialize<List<SavedSession>>(File.ReadAllText(path)) ?? []) _sessions[s.ShardId] = s;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            GatewayLog.SessionsUnreadable(logger, path, ex.Message);
        }
        return _sessions;
    }

    private void Write()
    {
        var path = options.Value.SessionFile;
        if (string.IsNullOrWhiteSpace(path)) return;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_sessions!.Values.OrderBy(s => s.ShardId).ToList()));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            GatewayLog.SessionsNotSaved(logger, path, ex.Message);
        }
    }
}
