using System.Globalization;

namespace CompanionBot.Storage;

/// <summary>
/// Which channels of a server the companion answers in without being mentioned. The Discord transport asks for every
/// guild message on its receive loop, so the answer must come from memory, never from the database.
/// </summary>
public interface IChannelSettings
{
    bool AnswersWithoutMention(string guildId, string channelId);
}

/// <summary>
/// The <c>answer_channels</c> table, changed by moderators through /companion channels. All rows are held in memory
/// (loaded once by <see cref="Load"/>, kept current by <see cref="Add"/> and <see cref="Remove"/>), so the per-message
/// question costs no database round trip and never waits on the connection lock behind a durable commit.
/// </summary>
public sealed class SqliteChannelSettings(SqliteDatabase database) : IChannelSettingsStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Guild, string Channel), bool> _answering = new();
    private volatile bool _loaded;

    public bool AnswersWithoutMention(string guildId, string channelId)
    {
        if (!_loaded) Load();
        return _answering.ContainsKey((guildId, channelId));
    }

    /// <summary>Reads every row into memory (the Discord transport calls it before it connects).</summary>
    public void Load()
    {
        var rows = database.Read(connection =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT guild, channel FROM answer_channels;";
            using var reader = cmd.ExecuteReader();
            var all = new List<(string, string)>();
            while (reader.Read()) all.Add((reader.GetString(0), reader.GetString(1)));
            return all;
        });
        foreach (var row in rows) _answering[row] = true;
        _loaded = true;
    }

    /// <summary>True when the channel was added, false when it was already there.</summary>
    public bool Add(string guildId, string channelId, string addedBy, DateTimeOffset at)
    {
        var added = Insert(guildId, channelId, addedBy, at);
        _answering[(guildId, channelId)] = true;
        return added;
    }

    /// <summary>True when the channel was removed, false when it was not in the list.</summary>
    public bool Remove(string guildId, string channelId)
    {
        var removed = Delete(guildId, channelId);
        _answering.TryRemove((guildId, channelId), out _);
        return removed;
    }

    private bool Insert(string guildId, string channelId, string addedBy, DateTimeOffset at) => database.Write((connection, tx) =>
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT OR IGNORE INTO answer_channels (guild, channel, added_by, added_at) VALUES ($guild, $channel, $by, $at);
            """;
        cmd.Parameters.AddWithValue("$guild", guildId);
        cmd.Parameters.AddWithValue("$channel", channelId);
        cmd.Parameters.AddWithValue("$by", addedBy);
        cmd.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        return cmd.ExecuteNonQuery() > 0;
    });

    private bool Delete(string guildId, string channelId) => database.Write((connection, tx) =>
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "DELETE FROM answer_channels WHERE guild = $guild AND channel = $channel;";
        cmd.Parameters.AddWithValue("$guild", guildId);
        cmd.Parameters.AddWithValue("$channel", channelId);
        return cmd.ExecuteNonQuery() > 0;
    });

    public IReadOnlyList<string> List(string guildId) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT channel FROM answer_channels WHERE guild = $guild ORDER BY channel;";
        cmd.Parameters.AddWithValue("$guild", guildId);
        using var reader = cmd.ExecuteReader();
        var channels = new List<string>();
        while (reader.Read()) channels.Add(reader.GetString(0));
        return channels;
    });
}
