using System.Globalization;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Storage;

public sealed class SqliteLedgerStore(SqliteDatabase database) : ILedgerStore
{
    /// <summary>Every table keyed by (scope, member): /reset and /forget delete from all of them.</summary>
    public static readonly IReadOnlyList<string> MemberTables = ["relationships", "processed_messages", "turns", "rapport_resets"];

    public RelationshipState? Find(RelationshipKey key) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT state FROM relationships WHERE scope = $scope AND member = $member;";
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
        return cmd.ExecuteScalar() is string json ? StateJson.Read(json) with { Key = key } : null;
    });

    public bool WasProcessed(string messageId) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM processed_messages WHERE message_id = $id;";
        cmd.Parameters.AddWithValue("$id", messageId);
        return cmd.ExecuteScalar() is not null;
    });

    public void Save(RelationshipState state, string? messageId) => database.Write((connection, tx) =>
    {
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO relationships (scope, member, state, updated_at) VALUES ($scope, $member, $state, $at)
                ON CONFLICT (scope, member) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
                """;
            cmd.Parameters.AddWithValue("$scope", state.Key.Scope);
            cmd.Parameters.AddWithValue("$member", state.Key.MemberId);
            cmd.Parameters.AddWithValue("$state", StateJson.Write(state));
            cmd.Parameters.AddWithValue("$at", state.LastSeenAt.ToString("O", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
        if (messageId is not null)
        {
            using var mark = connection.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = """
                INSERT OR IGNORE INTO processed_messages (message_id, scope, member, processed_at)
                VALUES ($id, $scope, $member, $at);
                """;
            mark.Parameters.AddWithValue("$id", messageId);
            mark.Parameters.AddWithValue("$scope", state.Key.Scope);
            mark.Parameters.AddWithValue("$member", state.Key.MemberId);
            mark.Parameters.AddWithValue("$at", state.LastSeenAt.ToString("O", CultureInfo.InvariantCulture));
            mark.ExecuteNonQuery();
        }
        return 0;
    });

    public int Delete(RelationshipKey key) => DeleteWhere("scope = $scope AND member = $member", key.Scope, key.MemberId);

    public int DeleteMember(string memberId) => DeleteWhere("member = $member", null, memberId);

    public long Count() => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM relationships;";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    private int DeleteWhere(string where, string? scope, string member)
    {
        var deleted = database.Write((connection, tx) =>
        {
            var total = 0;
            foreach (var table in MemberTables)
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"DELETE FROM {table} WHERE {where};";
                if (scope is not null) cmd.Parameters.AddWithValue("$scope", scope);
                cmd.Parameters.AddWithValue("$member", member);
                total += cmd.ExecuteNonQuery();
            }
            return total;
        });
        database.CheckpointTruncate();
        return deleted;
    }
}
