using System.Globalization;
using CompanionBot.Pipeline;
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

    public void Record(RelationshipKey key, StanceDecision decision, string userText, string replyText, DateTimeOffset at)
    {
        var kept = options.Value.HistoryTurnsKept;
        if (kept <= 0 || decision.Has(Directive.CrisisResources)) return;
        database.Write((connection, tx) =>
        {
            foreach (var (role, text) in new[] { (UserRole, userText), (AssistantRole, replyText) })
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO turns (scope, member, role, text, at) VALUES ($scope, $member, $role, $text, $at);";
                insert.Parameters.AddWithValue("$scope", key.Scope);
                insert.Parameters.AddWithValue("$member", key.MemberId);
                insert.Parameters.AddWithValue("$role", role);
                insert.Parameters.AddWithValue("$text", PromptText.Truncate(text.Trim(), MaxStoredChars));
                insert.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
            }
            using var trim = connection.CreateCommand();
            trim.Transaction = tx;
            trim.CommandText = """
                DELETE FROM turns WHERE scope = $scope AND member = $member AND id NOT IN
                    (SELECT id FROM turns WHERE scope = $scope AND member = $member ORDER BY id DESC LIMIT $kept);
                """;
            trim.Parameters.AddWithValue("$scope", key.Scope);
            trim.Parameters.AddWithValue("$member", key.MemberId);
            trim.Parameters.AddWithValue("$kept", kept);
            return trim.ExecuteNonQuery();
        });
    }
}
