using System.Globalization;

namespace CompanionBot.Storage;

/// <summary>Which channels of a server the companion answers in without being mentioned (the transport asks per message).</summary>
public interface IChannelSettings
{
    bool AnswersWithoutMention(string guildId, string channelId);
}

/// <summary>The <c>answer_channels</c> table, changed by moderators through /companion channels.</summary>
public sealed class SqliteChannelSettings(SqliteDatabase database) : IChannelSettingsStore
{
    public bool AnswersWithoutMention(string guildId, string channelId) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM answer_channels WHERE guild = $guild AND channel = $channel;";
        cmd.Parameters.AddWithValue("$guild", guildId);
        cmd.Parameters.AddWithValue("$channel", channelId);
        return cmd.ExecuteScalar() is not null;
    });

    /// <summary>True when the channel was added, false when it was already there.</summary>
    public bool Add(string guildId, string channelId, string addedBy, DateTimeOffset at) => database.Write((connection, tx) =>
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

    /// <summary>True when the channel was removed, false when it was not in the list.</summary>
    public bool Remove(string guildId, string channelId) => database.Write((connection, tx) =>
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
