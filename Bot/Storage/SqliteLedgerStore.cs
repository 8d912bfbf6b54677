using System.Globalization;
using CompanionBot.Ledger;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Storage;

/// <param name="groupCommit">False gives every Save its own transaction even under concurrency (the bench's baseline).</param>
public sealed class SqliteLedgerStore(SqliteDatabase database, bool groupCommit) : ILedgerStore
{
    /// <summary>Every table keyed by (scope, member): /reset and /forget delete from all of them.</summary>
    public static readonly IReadOnlyList<string> MemberTables = ["relationships", "processed_messages", "turns", "rapport_resets"];
    private readonly GroupCommit _commits = new(database, groupCommit);

    /// <summary>Turns queued behind the group commit in flight, and whether one is in flight (for tests).</summary>
    internal (int Queued, bool Committing) PendingCommits => _commits.Pending;

    public SqliteLedgerStore(SqliteDatabase database)
        : this(database, groupCommit: true)
    {
    }

    public RelationshipState? Find(RelationshipKey key) => database.Read(_ => FindLocked(key));

    public bool WasProcessed(string messageId) => database.Read(_ => WasProcessedLocked(messageId));

    /// <summary>The handled mark, the state and the history window under one lock: one round trip per turn, not three.</summary>
    public TurnSnapshot Load(RelationshipKey key, string messageId, int historyTurns)
    {
        try
        {
            return database.Read(_ => WasProcessedLocked(messageId)
                ? new TurnSnapshot(true, null, [])
                : new TurnSnapshot(false, FindLocked(key), SqliteHistoryStore.Read(database, key, historyTurns)));
        }
        catch (SqliteException ex)
        {
            throw new StorageException("the turn could not be loaded: " + ex.Message, ex);
        }
    }

    private RelationshipState? FindLocked(RelationshipKey key)
    {
        var cmd = database.Statement("SELECT state FROM relationships WHERE scope = $scope AND member = $member;");
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
        return cmd.ExecuteScalar() is string json ? StateJson.Read(json) with { Key = key } : null;
    }

    private bool WasProcessedLocked(string messageId)
    {
        var cmd = database.Statement("SELECT 1 FROM processed_messages WHERE message_id = $id;");
        cmd.Parameters.AddWithValue("$id", messageId);
        return cmd.ExecuteScalar() is not null;
    }

    /// <summary>
    /// One durable transaction per call; concurrent callers share a transaction through <see cref="GroupCommit"/>
    /// (each returns only after the shared transaction committed), a lone caller gets a transaction of its own.
    /// </summary>
    public void Save(RelationshipState state, string? messageId) => Save(new TurnRecord(state, messageId));

    public bool Save(TurnRecord record) => _commits.Save(record);

    public Task<bool> SaveAsync(TurnRecord record, CancellationToken cancellationToken) => _commits.SaveAsync(record, cancellationToken);

    /// <summary>
    /// Writes a handled message inside <paramref name="tx"/>: the state (already serialized as
    /// <paramref name="stateJson"/>, outside the lock), the processed mark, the history exchange with its trim, and
    /// the anonymous counters. All of it lands, or none.
    /// </summary>
    internal static bool WriteTurn(SqliteDatabase database, SqliteTransaction tx, TurnRecord record, string stateJson)
    {
        var state = record.State;
        var at = state.LastSeenAt.ToString("O", CultureInfo.InvariantCulture);
        if (record.MessageId is not null)
        {
            // The claim comes first: a message id already handled writes nothing at all (the primary key decides).
            var mark = database.Statement("""
                INSERT OR IGNORE INTO processed_messages (message_id, scope, member, processed_at)
                VALUES ($id, $scope, $member, $at);
                """, tx);
            mark.Parameters.AddWithValue("$id", record.MessageId);
            mark.Parameters.AddWithValue("$scope", state.Key.Scope);
            mark.Parameters.AddWithValue("$member", state.Key.MemberId);
            mark.Parameters.AddWithValue("$at", at);
            if (mark.ExecuteNonQuery() == 0) return false;
        }
        var cmd = database.Statement("""
            INSERT INTO relationships (scope, member, state, updated_at) VALUES ($scope, $member, $state, $at)
            ON CONFLICT (scope, member) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
            """, tx);
        cmd.Parameters.AddWithValue("$scope", state.Key.Scope);
        cmd.Parameters.AddWithValue("$member", state.Key.MemberId);
        cmd.Parameters.AddWithValue("$state", stateJson);
        cmd.Parameters.AddWithValue("$at", at);
        cmd.ExecuteNonQuery();
        foreach (var id in record.GatheredIds)
        {
            // The other messages of a burst: marked with the turn, so a replay of any of them stays quiet.
            var gathered = database.Statement("""
                INSERT OR IGNORE INTO processed_messages (message_id, scope, member, processed_at)
                VALUES ($id, $scope, $member, $at);
                """, tx);
            gathered.Parameters.AddWithValue("$id", id);
            gathered.Parameters.AddWithValue("$scope", state.Key.Scope);
            gathered.Parameters.AddWithValue("$member", state.Key.MemberId);
            gathered.Parameters.AddWithValue("$at", at);
            gathered.ExecuteNonQuery();
        }
        if (record.History is { } history) SqliteHistoryStore.Append(database, tx, state.Key, history);
        foreach (var counter in record.Counters) SqliteStatsStore.Add(database, tx, counter);
        return true;
    }

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
