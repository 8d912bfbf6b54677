using CompanionBot.Bench;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Bench;

public sealed class PrefillTests
{
    private TempDatabase _db = null!;

    [SetUp]
    public void CreatePath() => _db = new TempDatabase("prefill-test");

    [TearDown]
    public void DeleteFiles() => _db.Dispose();

    [Test]
    public void Run_250Rows_InsertsExactly250ReadableRelationships()
    {
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);

        var inserted = Prefill.Run(database, 250);

        Assert.That(inserted, Is.EqualTo(250));
        Assert.That(store.Count(), Is.EqualTo(250));
        var key = MessageScript.KeyOf(Prefill.KeyPrefix, 249);
        var state = store.Find(key);
        Assert.That(state, Is.Not.Null);
        Assert.That(state!.Key, Is.EqualTo(key));
        Assert.That(state.Exchanges, Is.GreaterThan(0));
        Assert.That(state.MetAt, Is.LessThan(state.LastSeenAt.AddTicks(1)));
    }

    [Test]
    public void Run_Twice_KeepsExistingRowsAndInsertsOnlyTheMissingOnes()
    {
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);

        Prefill.Run(database, 100);
        var second = Prefill.Run(database, 150);

        Assert.That(second, Is.EqualTo(50));
        Assert.That(new SqliteLedgerStore(database).Count(), Is.EqualTo(150));
    }

    [Test]
    public void Relationship_SameSeed_IsTheSameRow()
    {
        var a = Prefill.Relationship(3, new DeterministicRandom(42));
        var b = Prefill.Relationship(3, new DeterministicRandom(42));

        Assert.That(StateJson.Write(a), Is.EqualTo(StateJson.Write(b)));
    }

    [Test]
    public void KeyOf_Indexes_SpreadOverDmAndGuildScopes()
    {
        var scopes = Enumerable.Range(0, 8).Select(i => MessageScript.KeyOf("m", i).Scope).Distinct().ToArray();

        Assert.That(scopes, Has.Length.EqualTo(4));
        Assert.That(scopes, Does.Contain(RelationshipKey.DmScope));
    }

    [Test]
    public void Message_SuccessiveRounds_MoveForwardHoursApartAndSpanDays()
    {
        var script = new MessageScript(members: 10, runTag: "r0");

        var first = script.Message(3, 0).ReceivedAt;
        var second = script.Message(3, 1).ReceivedAt;
        var tenth = script.Message(3, 9).ReceivedAt;

        Assert.That(second - first, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(tenth - first, Is.GreaterThan(TimeSpan.FromDays(1)));
        Assert.That(script.Message(4, 0).ReceivedAt, Is.GreaterThan(first));
    }

    [Test]
    public void Next_SameSeed_SameSequence()
    {
        var a = new DeterministicRandom(9);
        var b = new DeterministicRandom(9);

        Assert.That(Enumerable.Range(0, 5).Select(_ => a.Next(1000)), Is.EqualTo(Enumerable.Range(0, 5).Select(_ => b.Next(1000))));
    }
}
