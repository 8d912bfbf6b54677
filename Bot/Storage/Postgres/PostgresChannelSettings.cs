using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>The <c>answer_channels</c> table on PostgreSQL.</summary>
public sealed class PostgresChannelSettings(PostgresDatabase database) : IChannelSettingsStore
{
    public bool AnswersWithoutMention(string guildId, string channelId) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT 1 FROM answer_channels WHERE guild = $1 AND channel = $2;", connection);
        cmd.Parameters.AddWithValue(guildId);
        cmd.Parameters.AddWithValue(channelId);
        return cmd.ExecuteScalar() is not null;
    });

    public bool Add(string guildId, string channelId, string addedBy, DateTimeOffset at) => database.Write((connection, tx) =>
    {
        using var cmd = new NpgsqlCommand(
            "INSERT INTO answer_channels (guild, channel, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;", connection, tx);
        cmd.Parameters.AddWithValue(guildId);
        cmd.Parameters.AddWithValue(channelId);
        cmd.Parameters.AddWithValue(addedBy);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return cmd.ExecuteNonQuery() > 0;
    });

    public bool Remove(string guildId, string channelId) => database.Write((connection, tx) =>
    {
        using var cmd = new NpgsqlCommand("DELETE FROM answer_channels WHERE guild = $1 AND channel = $2;", connection, tx);
        cmd.Parameters.AddWithValue(guildId);
        cmd.Parameters.AddWithValue(channelId);
        return cmd.ExecuteNonQuery() > 0;
    });

    public IReadOnlyList<string> List(string guildId) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT channel FROM answer_channels WHERE guild = $1 ORDER BY channel;", connection);
        cmd.Parameters.AddWithValue(guildId);
        using var reader = cmd.ExecuteReader();
        var channels = new List<string>();
        while (reader.Read()) channels.Add(reader.GetString(0));
        return channels;
    });
}
