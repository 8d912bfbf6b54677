using CompanionBot.Prompting;
using CompanionBot.Stances;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>The <c>turns</c> table on PostgreSQL: each turn's text sealed under the relationship's key, the newest N kept.</summary>
public sealed class PostgresHistoryStore : IHistoryStore
{
    private readonly PostgresDatabase _database;
    private readonly IOptions<StorageOptions> _options;
    private readonly MemberCipher _cipher;

    public PostgresHistoryStore(PostgresDatabase database, IOptions<StorageOptions> options)
        : this(database, options, MemberCipher.Sealing)
    {
    }

    internal PostgresHistoryStore(PostgresDatabase database, IOptions<StorageOptions> options, MemberCipher cipher)
    {
        _database = database;
        _options = options;
        _cipher = cipher;
    }

    public IReadOnlyList<ChatTurn> Recent(RelationshipKey key, int max) => max <= 0 ? [] : _database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("""
            SELECT t.role, t.text, k.key FROM turns t JOIN member_keys k ON k.scope = t.scope AND k.member = t.member
            WHERE t.scope = $1 AND t.member = $2 ORDER BY t.id DESC LIMIT $3;
            """, connection);
        cmd.Parameters.AddWithValue(key.Scope);
        cmd.Parameters.AddWithValue(key.MemberId);
        cmd.Parameters.AddWithValue(max);
        using var reader = cmd.ExecuteReader();
        var turns = new List<ChatTurn>();
        var context = MemberCipher.TurnContext(key.Scope, key.MemberId);
        while (reader.Read())
        {
            var role = reader.GetString(0) == "assistant" ? ChatRole.Assistant : ChatRole.User;
            turns.Add(new ChatTurn(role, _cipher.Open((byte[])reader[2], (byte[])reader[1], context)));
        }
        turns.Reverse();
        return turns;
    });

    public HistoryEntry? EntryFor(StanceDecision decision, string userText, string replyText, DateTimeOffset at)
    {
        var kept = _options.Value.HistoryTurnsKept;
        return kept <= 0 || decision.Has(Directive.CrisisResources) ? null : new HistoryEntry(userText, replyText, at, kept);
    }

    /// <summary>Adds the exchange (sealed) and the trim to the turn's batch.</summary>
    internal static void Append(NpgsqlBatch batch, MemberCipher cipher, byte[] secret, RelationshipKey key, HistoryEntry entry)
    {
        var context = MemberCipher.TurnContext(key.Scope, key.MemberId);
        var at = entry.At.ToUniversalTime();
        foreach (var (role, text) in new[] { ("user", entry.UserText), ("assistant", entry.ReplyText) })
        {
            var sealedText = cipher.Seal(secret, PromptText.Truncate(text.Trim(), SqliteHistoryStore.MaxStoredChars), context);
            batch.BatchCommands.Add(PostgresLedgerStore.Command(
                "INSERT INTO turns (scope, member, role, text, at) VALUES ($1, $2, $3, $4, $5);", key.Scope, key.MemberId, role, sealedText, at));
        }
        batch.BatchCommands.Add(PostgresLedgerStore.Command("""
            DELETE FROM turns WHERE scope = $1 AND member = $2 AND id NOT IN
                (SELECT id FROM turns WHERE scope = $1 AND member = $2 ORDER BY id DESC LIMIT $3);
            """, key.Scope, key.MemberId, entry.Kept));
    }
}
