using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>What is stored about one member on PostgreSQL (<see cref="IMemberData"/>); /export opens the sealed text with the member's key.</summary>
public sealed class PostgresMemberData : IMemberData
{
    private static readonly JsonSerializerOptions ExportJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PostgresDatabase _database;
    private readonly MemberCipher _cipher;

    public PostgresMemberData(PostgresDatabase database)
        : this(database, MemberCipher.Sealing)
    {
    }

    internal PostgresMemberData(PostgresDatabase database, MemberCipher cipher)
    {
        _database = database;
        _cipher = cipher;
    }

    public IReadOnlyDictionary<string, long> Counts(string memberId, string? scope) => _database.Read(connection =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in PostgresLedgerStore.MemberTables)
        {
            using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE member = $1 AND ($2::text IS NULL OR scope = $2);", connection);
            cmd.Parameters.AddWithValue(memberId);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            counts[table] = (long)cmd.ExecuteScalar()!;
        }
        return counts;
    });

    public IReadOnlyList<string> Scopes(string memberId) => _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand(
            string.Join(" UNION ", PostgresLedgerStore.MemberTables.Select(t => $"SELECT scope FROM {t} WHERE member = $1")) + ";", connection);
        cmd.Parameters.AddWithValue(memberId);
        using var reader = cmd.ExecuteReader();
        var scopes = new List<string>();
        while (reader.Read()) scopes.Add(reader.GetString(0));
        return scopes;
    });

    public string DeletionNote =>
        "The key that encrypted your messages was destroyed first, then the rows, so any copy the database still holds is unreadable.";

    public DateTimeOffset? LastReset(RelationshipKey key) => _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT reset_at FROM rapport_resets WHERE scope = $1 AND member = $2;", connection);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        return cmd.ExecuteScalar() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : (DateTimeOffset?)null;
    });

    public void RecordReset(RelationshipKey key, DateTimeOffset at) => _database.Write((connection, tx) =>
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO rapport_resets (scope, member, reset_at) VALUES ($1, $2, $3)
            ON CONFLICT (scope, member) DO UPDATE SET reset_at = excluded.reset_at;
            """, connection, tx);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return cmd.ExecuteNonQuery();
    });

    public byte[] Export(RelationshipKey key, DateTimeOffset at) => _database.Read(connection =>
    {
        var document = new JsonObject
        {
            ["exported_at"] = Iso(at),
            ["scope"] = key.Scope,
            ["member"] = key.MemberId,
        };
        var secret = Secret(connection, key);
        using (var cmd = Bound(connection, "SELECT state FROM relationships WHERE scope = $1 AND member = $2;", key))
        {
            document["relationship"] = secret is not null && cmd.ExecuteScalar() is byte[] state
                ? JsonNode.Parse(_cipher.Open(secret, state, MemberCipher.StateContext(key.Scope, key.MemberId)))
                : null;
        }
        var turns = new JsonArray();
        using (var cmd = Bound(connection, "SELECT role, text, at FROM turns WHERE scope = $1 AND member = $2 ORDER BY id;", key))
        using (var reader = cmd.ExecuteReader())
        {
            while (secret is not null && reader.Read())
            {
                var text = _cipher.Open(secret, (byte[])reader[1], MemberCipher.TurnContext(key.Scope, key.MemberId));
                turns.Add(new JsonObject { ["role"] = reader.GetString(0), ["text"] = text, ["at"] = Iso(reader.GetDateTime(2)) });
            }
        }
        document["history"] = turns;
        var handled = new JsonArray();
        using (var cmd = Bound(connection, "SELECT message_id, processed_at FROM processed_messages WHERE scope = $1 AND member = $2 ORDER BY processed_at;", key))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) handled.Add(new JsonObject { ["message_id"] = reader.GetString(0), ["at"] = Iso(reader.GetDateTime(1)) });
        }
        document["handled_messages"] = handled;
        using (var cmd = Bound(connection, "SELECT reset_at FROM rapport_resets WHERE scope = $1 AND member = $2;", key))
        {
            document["last_reset_at"] = cmd.ExecuteScalar() is DateTime reset ? Iso(reset) : null;
        }
        return JsonSerializer.SerializeToUtf8Bytes(document, ExportJson);
    });

    private static byte[]? Secret(NpgsqlConnection connection, RelationshipKey key)
    {
        using var cmd = Bound(connection, "SELECT key FROM member_keys WHERE scope = $1 AND member = $2;", key);
        return cmd.ExecuteScalar() as byte[];
    }

    private static NpgsqlCommand Bound(NpgsqlConnection connection, string sql, RelationshipKey key)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        return cmd;
    }

    private static string Iso(DateTime utc) => Iso(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
