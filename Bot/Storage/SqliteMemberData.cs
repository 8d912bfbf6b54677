using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CompanionBot.Storage;

/// <summary>What is stored about one member, on SQLite (<see cref="IMemberData"/>).</summary>
public sealed class SqliteMemberData(SqliteDatabase database) : IMemberData
{
    private static readonly JsonSerializerOptions ExportJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Rows per member table, in one scope or (scope null) everywhere.</summary>
    public IReadOnlyDictionary<string, long> Counts(string memberId, string? scope) => database.Read(connection =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in SqliteLedgerStore.MemberTables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {table} WHERE member = $member" + (scope is null ? ";" : " AND scope = $scope;");
            cmd.Parameters.AddWithValue("$member", memberId);
            if (scope is not null) cmd.Parameters.AddWithValue("$scope", scope);
            counts[table] = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return counts;
    });

    /// <summary>Every scope where something is stored about this member.</summary>
    public IReadOnlyList<string> Scopes(string memberId) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = string.Join(" UNION ", SqliteLedgerStore.MemberTables.Select(t => $"SELECT scope FROM {t} WHERE member = $member")) + ";";
        cmd.Parameters.AddWithValue("$member", memberId);
        using var reader = cmd.ExecuteReader();
        var scopes = new List<string>();
        while (reader.Read()) scopes.Add(reader.GetString(0));
        return scopes;
    });

    public string DeletionNote => "The rows are gone and the database's write-ahead log was checkpointed and truncated, so no copy is left behind.";

    public DateTimeOffset? LastReset(RelationshipKey key) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT reset_at FROM rapport_resets WHERE scope = $scope AND member = $member;";
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
        return cmd.ExecuteScalar() is string at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : (DateTimeOffset?)null;
    });

    public void RecordReset(RelationshipKey key, DateTimeOffset at) => database.Write((connection, tx) =>
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO rapport_resets (scope, member, reset_at) VALUES ($scope, $member, $at)
            ON CONFLICT (scope, member) DO UPDATE SET reset_at = excluded.reset_at;
            """;
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
        cmd.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        return cmd.ExecuteNonQuery();
    });

    /// <summary>Everything stored about this member in this one scope, as a JSON document.</summary>
    public byte[] Export(RelationshipKey key, DateTimeOffset at) => database.Read(connection =>
    {
        var document = new JsonObject
        {
            ["exported_at"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["scope"] = key.Scope,
            ["member"] = key.MemberId,
        };
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT state, updated_at FROM relationships WHERE scope = $scope AND member = $member;";
            Bind(cmd, key);
            using var reader = cmd.ExecuteReader();
            document["relationship"] = reader.Read() ? JsonNode.Parse(reader.GetString(0)) : null;
        }
        var turns = new JsonArray();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT role, text, at FROM turns WHERE scope = $scope AND member = $member ORDER BY id;";
            Bind(cmd, key);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                turns.Add(new JsonObject { ["role"] = reader.GetString(0), ["text"] = reader.GetString(1), ["at"] = reader.GetString(2) });
            }
        }
        document["history"] = turns;
        var handled = new JsonArray();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT message_id, processed_at FROM processed_messages WHERE scope = $scope AND member = $member ORDER BY processed_at;";
            Bind(cmd, key);
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) handled.Add(new JsonObject { ["message_id"] = reader.GetString(0), ["at"] = reader.GetString(1) });
        }
        document["handled_messages"] = handled;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT reset_at FROM rapport_resets WHERE scope = $scope AND member = $member;";
            Bind(cmd, key);
            document["last_reset_at"] = cmd.ExecuteScalar() as string;
        }
        return JsonSerializer.SerializeToUtf8Bytes(document, ExportJson);
    });

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand cmd, RelationshipKey key)
    {
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
    }
}
