using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CompanionBot.Storage.Postgres;

/// <summary>One table's rows: in the SQLite file, and in PostgreSQL before and after the copy.</summary>
public sealed record TableCount(string Table, long Source, long TargetBefore, long TargetAfter)
{
    public bool Matches => TargetAfter == TargetBefore + Source;
}

/// <summary>
/// `migrate --from sqlite:PATH --to postgres`: copies every table of a SQLite ledger into PostgreSQL in one
/// transaction (COPY), sealing history text and ledger state under a new key per relationship as the PostgreSQL
/// store does. Counts are checked inside the transaction; any difference rolls everything back. A target that
/// already holds rows is refused unless <c>intoNonEmpty</c>; then a row that exists on both sides (same message id,
/// relationship or persona version) stops the copy and nothing is written.
/// </summary>
public static class SqliteToPostgres
{
    private static readonly string[] Tables =
        ["relationships", "processed_messages", "turns", "counters", "persona_versions", "rapport_resets", "answer_channels"];

    public static IReadOnlyList<TableCount> Run(SqliteDatabase source, PostgresDatabase target, bool intoNonEmpty, DateTimeOffset now) => target.Write((pg, tx) =>
    {
        var before = Tables.Append("member_keys").ToDictionary(t => t, t => Count(pg, tx, t), StringComparer.Ordinal);
        if (!intoNonEmpty && before.Values.Any(n => n > 0))
        {
            throw new StorageException($"the PostgreSQL database {target.Target} already holds a ledger ("
                + string.Join(", ", before.Where(b => b.Value > 0).Select(b => $"{b.Key} {b.Value}")) + "); add --into-non-empty to copy into it anyway");
        }
        var keys = ExistingKeys(pg, tx);
        var sourceCounts = source.Read(sqlite => Tables.ToDictionary(t => t, t => SqliteCount(sqlite, t), StringComparer.Ordinal));
        source.Read(sqlite =>
        {
            CopyRelationships(sqlite, pg, keys);
            Copy(sqlite, pg, "SELECT message_id, scope, member, processed_at FROM processed_messages",
                "processed_messages (message_id, scope, member, processed_at)", (r, w) =>
                {
                    w.Write(r.GetString(0)); w.Write(r.GetString(1)); w.Write(r.GetString(2)); w.Write(Time(r.GetString(3)), NpgsqlDbType.TimestampTz);
                });
            CopyTurns(sqlite, pg, keys);
            Copy(sqlite, pg, "SELECT name, scope, period, value FROM counters", "counters (name, scope, period, value)", (r, w) =>
            {
                w.Write(r.GetString(0)); w.Write(r.GetString(1)); w.Write(r.GetString(2)); w.Write(r.GetInt64(3));
            });
            Copy(sqlite, pg, "SELECT scope, version, yaml, changed_by, changed_at, note FROM persona_versions",
                "persona_versions (scope, version, yaml, changed_by, changed_at, note)", (r, w) =>
                {
                    w.Write(r.GetString(0)); w.Write(r.GetInt32(1)); w.Write(r.GetString(2)); w.Write(r.GetString(3));
                    w.Write(Time(r.GetString(4)), NpgsqlDbType.TimestampTz); w.Write(r.GetString(5));
                });
            Copy(sqlite, pg, "SELECT scope, member, reset_at FROM rapport_resets", "rapport_resets (scope, member, reset_at)", (r, w) =>
            {
                w.Write(r.GetString(0)); w.Write(r.GetString(1)); w.Write(Time(r.GetString(2)), NpgsqlDbType.TimestampTz);
            });
            Copy(sqlite, pg, "SELECT guild, channel, added_by, added_at FROM answer_channels", "answer_channels (guild, channel, added_by, added_at)", (r, w) =>
            {
                w.Write(r.GetString(0)); w.Write(r.GetString(1)); w.Write(r.GetString(2)); w.Write(Time(r.GetString(3)), NpgsqlDbType.TimestampTz);
            });
            return 0;
        });
        WriteNewKeys(pg, keys, now);
        var counts = Tables.Select(t => new TableCount(t, sourceCounts[t], before[t], Count(pg, tx, t))).ToList();
        if (counts.Any(c => !c.Matches))
        {
            throw new StorageException("row counts differ after the copy, nothing was written: "
                + string.Join(", ", counts.Where(c => !c.Matches).Select(c => $"{c.Table} {c.Source} copied but {c.TargetAfter - c.TargetBefore} arrived")));
        }
        return (IReadOnlyList<TableCount>)counts;
    });

    private static void CopyRelationships(SqliteConnection sqlite, NpgsqlConnection pg, Dictionary<(string, string), (byte[] Key, bool New)> keys) =>
        Copy(sqlite, pg, "SELECT scope, member, state, updated_at FROM relationships", "relationships (scope, member, state, exchanges, updated_at)", (r, w) =>
        {
            var (scope, member, json) = (r.GetString(0), r.GetString(1), r.GetString(2));
            w.Write(scope); w.Write(member);
            w.Write(MemberCipher.Sealing.Seal(KeyOf(keys, scope, member), json, MemberCipher.StateContext(scope, member)));
            w.Write(StateJson.Read(json).Exchanges);
            w.Write(Time(r.GetString(3)), NpgsqlDbType.TimestampTz);
        });

    private static void CopyTurns(SqliteConnection sqlite, NpgsqlConnection pg, Dictionary<(string, string), (byte[] Key, bool New)> keys) =>
        Copy(sqlite, pg, "SELECT scope, member, role, text, at FROM turns ORDER BY id", "turns (scope, member, role, text, at)", (r, w) =>
        {
            var (scope, member) = (r.GetString(0), r.GetString(1));
            w.Write(scope); w.Write(member); w.Write(r.GetString(2));
            w.Write(MemberCipher.Sealing.Seal(KeyOf(keys, scope, member), r.GetString(3), MemberCipher.TurnContext(scope, member)));
            w.Write(Time(r.GetString(4)), NpgsqlDbType.TimestampTz);
        });

    private static void Copy(SqliteConnection sqlite, NpgsqlConnection pg, string select, string into, Action<SqliteDataReader, NpgsqlBinaryImporter> row)
    {
        using var cmd = sqlite.CreateCommand();
        cmd.CommandText = select + ";";
        using var reader = cmd.ExecuteReader();
        using var writer = pg.BeginBinaryImport($"COPY {into} FROM STDIN (FORMAT BINARY)");
        while (reader.Read())
        {
            writer.StartRow();
            row(reader, writer);
        }
        writer.Complete();
    }

    private static byte[] KeyOf(Dictionary<(string, string), (byte[] Key, bool New)> keys, string scope, string member)
    {
        if (!keys.TryGetValue((scope, member), out var entry)) keys[(scope, member)] = entry = (MemberCipher.NewKey(), true);
        return entry.Key;
    }

    private static Dictionary<(string, string), (byte[] Key, bool New)> ExistingKeys(NpgsqlConnection pg, NpgsqlTransaction tx)
    {
        var keys = new Dictionary<(string, string), (byte[] Key, bool New)>();
        using var cmd = new NpgsqlCommand("SELECT scope, member, key FROM member_keys;", pg, tx);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) keys[(reader.GetString(0), reader.GetString(1))] = ((byte[])reader[2], false);
        return keys;
    }

    private static void WriteNewKeys(NpgsqlConnection pg, Dictionary<(string, string), (byte[] Key, bool New)> keys, DateTimeOffset now)
    {
        using var writer = pg.BeginBinaryImport("COPY member_keys (scope, member, key, created_at) FROM STDIN (FORMAT BINARY)");
        foreach (var ((scope, member), (key, isNew)) in keys)
        {
            if (!isNew) continue;
            writer.StartRow();
            writer.Write(scope); writer.Write(member); writer.Write(key); writer.Write(now, NpgsqlDbType.TimestampTz);
        }
        writer.Complete();
    }

    private static long Count(NpgsqlConnection pg, NpgsqlTransaction tx, string table)
    {
        using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table};", pg, tx);
        return (long)cmd.ExecuteScalar()!;
    }

    private static long SqliteCount(SqliteConnection sqlite, string table)
    {
        using var cmd = sqlite.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table};";
        return (long)cmd.ExecuteScalar()!;
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
}
