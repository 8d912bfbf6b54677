using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Safety;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Pipeline;

/// <summary>Where the pipeline meets storage: one read before a turn, awaited group commits, failures as values.</summary>
public sealed class StorageEdgeTests
{
    [Test]
    public async Task HandleAsync_StorageCannotWrite_FailedOutcomeNothingToSendAndAReplayAnswersLater()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        h.Database.Write((c, tx) =>
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON relationships BEGIN SELECT RAISE(ABORT, 'disk says no'); END;";
            return cmd.ExecuteNonQuery();
        });
        var outcome = await h.SendAsync(RelationshipKey.Dm("s1"), "hello there", messageId: "gw-9");

        Assert.That(outcome, Is.InstanceOf<TurnOutcome.Failed>());
        Assert.That(((TurnOutcome.Failed)outcome).Error.Edge, Is.EqualTo("storage"));
        Assert.That(outcome.Outbound, Is.Null, "no reply for a turn that was not stored");
        Assert.That(h.Store.WasProcessed("gw-9"), Is.False);
    }

    [Test]
    public async Task HandleAsync_MemberLeaseFails_FailedOutcomeInsteadOfAnException()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"), gate: new MemberGate(new BrokenLeases()));

        var outcome = await h.SendAsync(RelationshipKey.Dm("s4"), "hello?", messageId: "gw-11");

        Assert.That(outcome, Is.InstanceOf<TurnOutcome.Failed>());
        Assert.That(((TurnOutcome.Failed)outcome).Error.Edge, Is.EqualTo("storage"));
        Assert.That(h.Store.WasProcessed("gw-11"), Is.False, "a replay answers it once storage is back");
    }

    [Test]
    public async Task HandleAsync_StorageCannotRead_FailedOutcomeInsteadOfAnException()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        h.Database.Write((c, tx) =>
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DROP TABLE turns;";
            return cmd.ExecuteNonQuery();
        });
        var outcome = await h.SendAsync(RelationshipKey.Dm("s3"), "anyone there?", messageId: "gw-10");

        Assert.That(outcome, Is.InstanceOf<TurnOutcome.Failed>());
        Assert.That(((TurnOutcome.Failed)outcome).Error.Problem, Does.Contain("could not be loaded"));
    }

    [Test]
    public async Task Load_AfterTwoTurns_ReturnsMarkStateAndHistoryInOneCall()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        var key = RelationshipKey.InGuild("3", "s2");
        await h.SendAsync(key, "first thing", messageId: "a");
        await h.SendAsync(key, "second thing", messageId: "b");

        var fresh = h.Store.Load(key, "c", 10);
        var seen = h.Store.Load(key, "a", 10);
        Assert.Multiple(() =>
        {
            Assert.That(fresh.AlreadyHandled, Is.False);
            Assert.That(fresh.State!.Exchanges, Is.EqualTo(2));
            Assert.That(fresh.History!.Select(t => t.Text), Does.Contain("first thing").And.Contain("second thing"));
            Assert.That(seen.AlreadyHandled, Is.True);
        });
    }

    [Test]
    public async Task SaveAsync_ManyConcurrentAwaitingCallers_EveryTurnCommitted()
    {
        using var db = new TempDatabase("group-commit-async");
        using var database = new SqliteDatabase(db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database, groupCommit: true);
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var saves = Enumerable.Range(0, 64).Select(i => Task.Run(() => store.SaveAsync(
            new TurnRecord(RelationshipState.New(RelationshipKey.Dm("a" + i), start, new LedgerBaseline(0.1, 0.1)), "msg-" + i), CancellationToken.None)));
        await Task.WhenAll(saves);

        Assert.That(store.Count(), Is.EqualTo(64));
        Assert.That(Enumerable.Range(0, 64).All(i => store.WasProcessed("msg-" + i)), Is.True);
    }

    private sealed class BrokenLeases : IMemberLeases
    {
        public Task<IDisposable> AcquireAsync(string memberId, CancellationToken cancellationToken) =>
            Task.FromException<IDisposable>(new StorageException("PostgreSQL db:5432/companion: the session ended"));
    }
}
