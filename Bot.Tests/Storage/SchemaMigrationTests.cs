using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Data.Sqlite;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

public sealed class SchemaMigrationTests
{
    private TempDatabase _db = null!;

    [SetUp]
    public void CreatePath() => _db = new TempDatabase("migration");

    [TearDown]
    public void DeleteFiles() => _db.Dispose();

    [Test]
    public void Open_Version1File_MovesRelationshipsToARowidTableAndKeepsEveryRow()
    {
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var state = RelationshipState.New(RelationshipKey.InGuild("42", "m1"), at, new LedgerBaseline(0.1, 0.1)) with { Exchanges = 7 };
        using (var v1 = new SqliteConnection($"Data Source={_db.Path};Pooling=False"))
        {
            v1.Open();
            using var cmd = v1.CreateCommand();
            cmd.CommandText = SchemaMigrations.Steps[0].Sql + """
                PRAGMA user_version = 1;
                INSERT INTO relationships VALUES ($scope, $member, $state, '2026-01-05T08:00:00Z');
                INSERT INTO processed_messages VALUES ('msg-1', $scope, $member, '2026-01-05T08:00:00Z');
                """;
            cmd.Parameters.AddWithValue("$scope", state.Key.Scope);
            cmd.Parameters.AddWithValue("$member", state.Key.MemberId);
            cmd.Parameters.AddWithValue("$state", StateJson.Write(state));
            cmd.ExecuteNonQuery();
        }

        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);

        Assert.That(Convert.ToInt32(database.Pragma("user_version")), Is.EqualTo(SchemaMigrations.Steps[^1].Version));
        Assert.That(store.Count(), Is.EqualTo(1));
        Assert.That(store.Find(state.Key)?.Exchanges, Is.EqualTo(7));
        Assert.That(store.WasProcessed("msg-1"), Is.True);
        var sql = database.Read(c =>
        {
            using var q = c.CreateCommand();
            q.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'relationships';";
            return (string)q.ExecuteScalar()!;
        });
        Assert.That(sql, Does.Not.Contain("WITHOUT ROWID"));
    }

    [Test]
    public void Save_AfterMigration_UpsertsByScopeAndMember()
    {
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var state = RelationshipState.New(RelationshipKey.Dm("m"), at, new LedgerBaseline(0.1, 0.1));

        store.Save(state with { Exchanges = 1 }, "a");
        store.Save(state with { Exchanges = 2 }, "b");

        Assert.That(store.Count(), Is.EqualTo(1));
        Assert.That(store.Find(state.Key)?.Exchanges, Is.EqualTo(2));
        Assert.That(store.Delete(state.Key), Is.EqualTo(3));
        Assert.That(store.Count(), Is.Zero);
    }
}
