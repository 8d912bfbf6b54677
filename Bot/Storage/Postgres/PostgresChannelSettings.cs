using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// The <c>answer_channels</c> table on PostgreSQL, held in memory like SQLite's, because the Discord transport asks for
/// every guild message. Several processes share the table, so the copy is reloaded: this process's own changes at
/// once, other processes' changes within <see cref="StaleAfter"/> on the injected clock (the first question after that
/// starts a reload in the background and is answered from the old copy). If a reload fails the old copy stays and the
/// next question after another <see cref="StaleAfter"/> tries again. In the usual scale-out the bound rarely shows:
/// a guild's slash commands and its messages arrive on the same shard, so the process that ran /companion channels is
/// the one that reads that guild's messages, and it sees its own change at once.
/// </summary>
public sealed partial class PostgresChannelSettings(PostgresDatabase database, TimeProvider time, ILogger<PostgresChannelSettings> logger) : IChannelSettingsStore
{
    /// <summary>The staleness bound for a change made by another process (plus one reload query).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Copy? _copy;
    private long _loadsStarted;
    private Task _refreshing = Task.CompletedTask;

    /// <summary>The latest background reload (completed when none has run): callers that must see fresh rows await it.</summary>
    public Task Refreshing
    {
        get { lock (_gate) return _refreshing; }
    }

    public bool AnswersWithoutMention(string guildId, string channelId)
    {
        var copy = Volatile.Read(ref _copy) ?? Load(); // the first question (DiscordMessageHandler.Prepare, before the gateway) loads
        if (time.GetElapsedTime(copy.CheckedAt) >= StaleAfter) StartRefresh(copy);
        return copy.Rows.Contains((guildId, channelId));
    }

    public bool Add(string guildId, string channelId, string addedBy, DateTimeOffset at)
    {
        var added = database.Write((connection, tx) =>
        {
            using var cmd = new NpgsqlCommand(
                "INSERT INTO answer_channels (guild, channel, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;", connection, tx);
            cmd.Parameters.AddWithValue(guildId);
            cmd.Parameters.AddWithValue(channelId);
            cmd.Parameters.AddWithValue(addedBy);
            cmd.Parameters.AddWithValue(at.ToUniversalTime());
            return cmd.ExecuteNonQuery() > 0;
        });
        Load();
        return added;
    }

    public bool Remove(string guildId, string channelId)
    {
        var removed = database.Write((connection, tx) =>
        {
            using var cmd = new NpgsqlCommand("DELETE FROM answer_channels WHERE guild = $1 AND channel = $2;", connection, tx);
            cmd.Parameters.AddWithValue(guildId);
            cmd.Parameters.AddWithValue(channelId);
            return cmd.ExecuteNonQuery() > 0;
        });
        Load();
        return removed;
    }

    public IReadOnlyList<string> List(string guildId) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT channel FROM answer_channels WHERE guild = $1 ORDER BY channel;", connection);
        cmd.Parameters.AddWithValue(guildId);
        using var reader = cmd.ExecuteReader();
        var channels = new List<string>();
        while (reader.Read()) channels.Add(reader.GetString(0));
        return channels;
    });

    private void StartRefresh(Copy stale)
    {
        lock (_gate)
        {
            if (!_refreshing.IsCompleted || !ReferenceEquals(_copy, stale)) return; // one reload at a time
            _refreshing = Task.Run(() =>
            {
                try
                {
                    Load();
                }
                catch (StorageException ex)
                {
                    LogReloadFailed(logger, ex.Message, StaleAfter.TotalSeconds);
                    Install(stale with { CheckedAt = time.GetTimestamp() }, stale.Load);
                }
            });
        }
    }

    /// <summary>Reads every row and installs them, unless a load that started later has already installed its own.</summary>
    private Copy Load()
    {
        var load = Interlocked.Increment(ref _loadsStarted);
        var checkedAt = time.GetTimestamp();
        var rows = database.Read(connection =>
        {
            using var cmd = new NpgsqlCommand("SELECT guild, channel FROM answer_channels;", connection);
            using var reader = cmd.ExecuteReader();
            var all = new List<(string, string)>();
            while (reader.Read()) all.Add((reader.GetString(0), reader.GetString(1)));
            return all;
        });
        return Install(new Copy(rows.ToFrozenSet(), checkedAt, load), load);
    }

    private Copy Install(Copy copy, long load)
    {
        lock (_gate)
        {
            if (_copy is { } current && current.Load > load) return current;
            _copy = copy;
            return copy;
        }
    }

    private sealed record Copy(FrozenSet<(string Guild, string Channel)> Rows, long CheckedAt, long Load);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Reloading the answer channels failed ({Error}); answering from the copy in memory and trying again in {Seconds:0} s")]
    private static partial void LogReloadFailed(ILogger logger, string error, double seconds);
}
