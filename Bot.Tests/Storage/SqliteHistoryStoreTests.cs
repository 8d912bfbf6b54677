using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Stances;
using CompanionBot.Storage;
using Microsoft.Extensions.Options;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

public sealed class SqliteHistoryStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StanceDecision Plain = new(Stance.Warm, [], "r", []);
    private string _dir = "";
    private SqliteDatabase _db = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "history-" + Guid.NewGuid().ToString("N"));
        _db = new SqliteDatabase(Path.Combine(_dir, "t.db"), 1, secureDelete: true);
    }

    [TearDown]
    public void TearDown()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private SqliteHistoryStore Store(int kept = 40) => new(_db, Options.Create(new StorageOptions { HistoryTurnsKept = kept }));

    /// <summary>An exchange kept the way the pipeline keeps it: with its turn's save.</summary>
    private void Keep(SqliteHistoryStore store, RelationshipKey key, StanceDecision decision, string userText, string replyText, DateTimeOffset at) =>
        new SqliteLedgerStore(_db).Save(new TurnRecord(RelationshipState.New(key, at, new LedgerBaseline(0.1, 0.1)), null)
        {
            History = store.EntryFor(decision, userText, replyText, at),
        });

    [Test]
    public void Record_TwoExchanges_RecentReturnsThemOldestFirst()
    {
        var store = Store();
        var key = RelationshipKey.Dm("u1");
        Keep(store, key, Plain, "hi", "hey", Now);
        Keep(store, key, Plain, "how are you", "good, you?", Now.AddMinutes(1));

        var turns = store.Recent(key, 10);

        Assert.That(turns, Is.EqualTo(new[]
        {
            new ChatTurn(ChatRole.User, "hi"), new ChatTurn(ChatRole.Assistant, "hey"),
            new ChatTurn(ChatRole.User, "how are you"), new ChatTurn(ChatRole.Assistant, "good, you?"),
        }));
        Assert.That(store.Recent(key, 1), Is.EqualTo(new[] { new ChatTurn(ChatRole.Assistant, "good, you?") }));
    }

    [Test]
    public void Record_OverTheCap_KeepsOnlyTheNewestRows()
    {
        var store = Store(kept: 4);
        var key = RelationshipKey.Dm("u1");
        for (var i = 0; i < 5; i++) Keep(store, key, Plain, $"u{i}", $"a{i}", Now.AddMinutes(i));

        Assert.That(store.Recent(key, 100).Select(t => t.Text), Is.EqualTo(new[] { "u3", "a3", "u4", "a4" }));
        Assert.That(CountRows(), Is.EqualTo(4));
    }

    [Test]
    public void Record_CrisisDecision_StoresNothing()
    {
        var store = Store();
        var key = RelationshipKey.Dm("u1");
        var crisis = new StanceDecision(Stance.Support, [Directive.CheckIn, Directive.CrisisResources], "crisis", []);

        Keep(store, key, crisis, "i want to kms", "i'm here. please reach out...", Now);

        Assert.That(store.Recent(key, 10), Is.Empty);
        Assert.That(CountRows(), Is.Zero);
    }

    [Test]
    public void Recent_OtherScopeOrMember_SeesNothing()
    {
        var store = Store();
        Keep(store, RelationshipKey.InGuild("g1", "u1"), Plain, "canary-guild", "ok", Now);

        Assert.That(store.Recent(RelationshipKey.Dm("u1"), 10), Is.Empty);
        Assert.That(store.Recent(RelationshipKey.InGuild("g2", "u1"), 10), Is.Empty);
        Assert.That(store.Recent(RelationshipKey.InGuild("g1", "u2"), 10), Is.Empty);
    }

    [Test]
    public void DeleteMember_AfterTurns_RemovesThemEverywhere()
    {
        var store = Store();
        Keep(store, RelationshipKey.Dm("u1"), Plain, "dm text", "ok", Now);
        Keep(store, RelationshipKey.InGuild("g1", "u1"), Plain, "guild text", "ok", Now);
        Keep(store, RelationshipKey.Dm("u2"), Plain, "other user", "ok", Now);

        new SqliteLedgerStore(_db).DeleteMember("u1");

        Assert.That(store.Recent(RelationshipKey.Dm("u1"), 10), Is.Empty);
        Assert.That(store.Recent(RelationshipKey.InGuild("g1", "u1"), 10), Is.Empty);
        Assert.That(store.Recent(RelationshipKey.Dm("u2"), 10), Has.Count.EqualTo(2));
    }

    [Test]
    public void Delete_OneRelationship_RemovesOnlyItsTurns()
    {
        var store = Store();
        Keep(store, RelationshipKey.Dm("u1"), Plain, "dm text", "ok", Now);
        Keep(store, RelationshipKey.InGuild("g1", "u1"), Plain, "guild text", "ok", Now);

        new SqliteLedgerStore(_db).Delete(RelationshipKey.Dm("u1"));

        Assert.That(store.Recent(RelationshipKey.Dm("u1"), 10), Is.Empty);
        Assert.That(store.Recent(RelationshipKey.InGuild("g1", "u1"), 10), Has.Count.EqualTo(2));
    }

    [Test]
    public void Record_ZeroTurnsKept_StoresNothing()
    {
        var store = Store(kept: 0);
        Keep(store, RelationshipKey.Dm("u1"), Plain, "hi", "hey", Now);
        Assert.That(CountRows(), Is.Zero);
    }

    private long CountRows() => _db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM turns;";
        return (long)cmd.ExecuteScalar()!;
    });
}
