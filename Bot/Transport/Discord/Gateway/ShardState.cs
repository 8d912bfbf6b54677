namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>What one shard keeps across connections: the session to resume and the last sequence number seen.</summary>
public sealed class ShardState(int shardId, int shardCount)
{
    private long _sequence = -1;

    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    public string? SessionId { get; set; }

    public string? ResumeUrl { get; set; }

    /// <summary>The bot's user id from READY. Kept with the session: a resume gets RESUMED, never READY again.</summary>
    public string? UserId { get; set; }

    /// <summary>The bot's application id from READY, kept with the session for the same reason.</summary>
    public string? ApplicationId { get; set; }

    public int FailedResumes { get; set; }

    public int ConsecutiveFailures { get; set; }

    public bool CanResume => SessionId is not null;

    /// <summary>Latest sequence number, or null before the first dispatch of a session.</summary>
    public long? Sequence
    {
        get
        {
            var s = Interlocked.Read(ref _sequence);
            return s < 0 ? null : s;
        }
    }

    /// <summary>Only moves forward (replayed events carry older numbers).</summary>
    public void See(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _sequence);
            if (sequence <= current) return;
        }
        while (Interlocked.CompareExchange(ref _sequence, sequence, current) != current);
    }

    /// <summary>A new session starts from scratch: no session, no resume url, no sequence.</summary>
    public void ClearSession()
    {
        SessionId = null;
        ResumeUrl = null;
        FailedResumes = 0;
        Interlocked.Exchange(ref _sequence, -1);
    }
}
