using Microsoft.Data.Sqlite;
using System.Globalization;
using CompanionBot.Prompting;
using CompanionBot.Stances;
using Microsoft.Extensions.Options;

namespace CompanionBot.Storage;

/// <summary>The <c>turns</c> table: user and assistant turns per (scope, member), the newest N kept.</summary>
public sealed class SqliteHistoryStore(SqliteDatabase database, IOptions<StorageOptions> options) : IHistoryStore
{
    /// <summary>A stored turn is cut to this length: the prompt never needs more, and less is kept about people.</summary>
    public const int MaxStoredChars = 4000;

    private const string UserRole = "user";
    private const string AssistantRole = "assistant";

    public IReadOnlyList<ChatTurn> Recent(RelationshipKey key, int max) => max <= 0 ? [] : database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT role, text FROM turns WHERE scope = $scope AND member = $member ORDER BY id DESC LIMIT $max;
            """;
        cmd.Parameters.AddWithValue("$scope", key.Scope);
        cmd.Parameters.AddWithValue("$member", key.MemberId);
        cmd.Parameters.AddWithValue("$max", max);
        using var reader = cmd.ExecuteReader();
        var turns = new List<ChatTurn>();
        while (reader.Read())
        {
            var role = reader.GetString(0) == AssistantRole ? ChatRole.Assistant : ChatRole.User;
            turns.Add(new ChatTurn(role, reader.GetString(1)));
        }
        turns.Reverse();
        return turns;
    });

    public HistoryEntry? EntryFor(StanceDecision decision, string userText, string replyText, DateTimeOffset at)
    {
        var kept = options.Value.HistoryTurnsKept;
        return kept <= 0 || decision.Has(Directive.CrisisResources) ? null : new HistoryEntry(userText, replyText, at, kept);
    }

    /// <summary>Appends the exchange and trims the relationship to the newest <see cref="HistoryEntry.Kept"/> turns, inside <paramref name="tx"/>.</summary>
    internal static void Append(SqliteDatabase database, SqliteTransaction tx, RelationshipKey key, HistoryEntry entry)
    {
        foreach (var (role, text) in new[] { (UserRole, entry.UserText), (AssistantRole, entry.ReplyText) })
        {
            var insert = database.Statement("INSERT INTO turns (scope, member, role, text, at) VALUES ($scope, $member, $role, $text, $at);", tx);
            insert.Parameters.AddWithValue("$scope", key.Scope);
            insert.Parameters.AddWithValue("$member", key.MemberId);
            insert.Parameters.AddWithValue("$role", role);
            insert.Parameters.AddWithValue("$text", PromptText.Truncate(text.Trim(), MaxStoredChars));
            insert.Parameters.AddWithValue("$at", entry.At.ToString("O", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }
        var trim = database.Statement("""
            DELETE FROM turns WHERE scope = $scope AND member = $member AND id NOT IN
                (SELECT id FROM turns WHERE scope = $scope AND member = $member ORDER BY id DESC LIMIT $kept);
            """, tx);
        trim.Parameters.AddWithValue("$scope", key.Scope);
        trim.Parameters.AddWithValue("$member", key.MemberId);
        trim.Parameters.AddWithValue("$kept", entry.Kept);
        trim.ExecuteNonQuery();
    }
}
