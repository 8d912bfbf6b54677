using CompanionBot.Ledger;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// The ledger on PostgreSQL. A handled message's writes are one transaction that starts by claiming the message id
/// (INSERT ... ON CONFLICT DO NOTHING on its primary key): a second process with the same id claims nothing and writes
/// nothing, whatever it read before; the burst's earlier lines (<see cref="TurnRecord.GatheredIds"/>) are marked in the
/// same transaction. State and history are sealed under the relationship's key (<see cref="MemberCipher"/>);
/// deletion removes the key first, then the rows, then vacuums the member tables.
/// </summary>
public sealed class PostgresLedgerStore : ILedgerStore
{
    /// <summary>Every table keyed by (scope, member), key table first: /reset and /forget delete in this order.</summary>
    public static readonly IReadOnlyList<string> MemberTables = ["member_keys", "relationships", "processed_messages", "turns", "rapport_resets"];

    private readonly PostgresDatabase _database;
    private readonly MemberCipher _cipher;

    public PostgresLedgerStore(PostgresDatabase database)
        : this(database, MemberCipher.Sealing)
    {
    }

    internal PostgresLedgerStore(PostgresDatabase database, MemberCipher cipher)
    {
        _database = database;
        _cipher = cipher;
    }

    public RelationshipState? Find(RelationshipKey key) => _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("""
            SELECT r.state, k.key FROM relationships r JOIN member_keys k ON k.scope = r.scope AND k.member = r.member
            WHERE r.scope = $1 AND r.member = $2;
            """, connection);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) return null;
        var json = _cipher.Open((byte[])reader[1], (byte[])reader[0], MemberCipher.StateContext(key.Scope, key.MemberId));
        return StateJson.Read(json) with { Key = key };
    });

    public bool WasProcessed(string messageId) => _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT 1 FROM processed_messages WHERE message_id = $1;", connection);
        cmd.Parameters.AddWithValue(messageId);
        return cmd.ExecuteScalar() is not null;
    });

    public void Save(RelationshipState state, string? messageId) => Save(new TurnRecord(state, messageId));

    public bool Save(TurnRecord record)
    {
        var json = StateJson.Write(record.State);
        return _database.Write((connection, tx) =>
        {
            var key = record.State.Key;
            var at = record.State.LastSeenAt.ToUniversalTime();
            if (record.MessageId is not null && !Claim(connection, tx, record.MessageId, key, at)) return false;
            // The other lines of a burst are marked with the turn, so a replay of any of them stays quiet; one already
            // marked is no conflict (the turn's own id above is the claim that decides).
            foreach (var gathered in record.GatheredIds) Claim(connection, tx, gathered, key, at);
            var secret = KeyFor(connection, tx, key, at);
            using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(Command("""
                INSERT INTO relationships (scope, member, state, exchanges, updated_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (scope, member) DO UPDATE SET state = excluded.state, exchanges = excluded.exchanges, updated_at = excluded.updated_at;
                """, key.Scope, key.MemberId, _cipher.Seal(secret, json, MemberCipher.StateContext(key.Scope, key.MemberId)), record.State.Exchanges, at));
            if (record.History is { } history) PostgresHistoryStore.Append(batch, _cipher, secret, key, history);
            foreach (var counter in record.Counters) batch.BatchCommands.Add(PostgresStatsStore.Add(counter));
            batch.ExecuteNonQuery();
            return true;
        });
    }

    public int Delete(RelationshipKey key) => DeleteWhere("scope = $1 AND member = $2", key.Scope, key.MemberId);

    public int DeleteMember(string memberId) => DeleteWhere("member = $1", memberId);

    public long Count() => _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM relationships;", connection);
        return (long)cmd.ExecuteScalar()!;
    });

    internal static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var value in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return cmd;
    }

    /// <summary>The relationship's key, created on first use; the upsert also locks the key row for this transaction.</summary>
    internal static byte[] KeyFor(NpgsqlConnection connection, NpgsqlTransaction tx, RelationshipKey key, DateTimeOffset at)
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO member_keys (scope, member, key, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (scope, member) DO UPDATE SET scope = excluded.scope RETURNING key;
            """, connection, tx);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        cmd.Parameters.AddWithValue(MemberCipher.NewKey());
        cmd.Parameters.AddWithValue(at);
        return (byte[])cmd.ExecuteScalar()!;
    }

    private static bool Claim(NpgsqlConnection connection, NpgsqlTransaction tx, string messageId, RelationshipKey key, DateTimeOffset at)
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO processed_messages (message_id, scope, member, processed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (message_id) DO NOTHING;
            """, connection, tx);
        cmd.Parameters.AddWithValue(messageId);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        cmd.Parameters.AddWithValue(at);
        return cmd.ExecuteNonQuery() == 1;
    }

    private int DeleteWhere(string where, params string[] values)
    {
        var deleted = _database.Write((connection, tx) =>
        {
            var total = 0;
            foreach (var table in MemberTables)
            {
                using var cmd = new NpgsqlCommand($"DELETE FROM {table} WHERE {where};", connection, tx);
                foreach (var value in values) cmd.Parameters.AddWithValue(value);
                total += cmd.ExecuteNonQuery();
            }
            return total;
        });
        // Deleted rows stay in the table files as dead versions until VACUUM frees their space, and freed space is
        // not overwritten until reused: that is why the text is ciphertext. The key table is rewritten (VACUUM FULL:
        // a new file holding only live keys, the old one unlinked), so the destroyed key is in no table file; it is
        // small (one ~100-byte row per relationship), and the rewrite's exclusive lock lasts as long as copying it.
        _database.Execute("VACUUM FULL member_keys;");
        _database.Execute("VACUUM relationships, turns, processed_messages, rapport_resets;");
        return deleted;
    }
}
