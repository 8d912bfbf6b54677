using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

public sealed class GroupCommitTests
{
    private TempDatabase _db = null!;

    [SetUp]
    public void CreatePath() => _db = new TempDatabase("group-commit");

    [TearDown]
    public void DeleteFiles() => _db.Dispose();

    [TestCase(true)]
    [TestCase(false)]
    public void Save_ConcurrentCallers_EveryReturnedSaveIsReadableFromAFreshConnection(bool groupCommit)
    {
        const int threads = 8;
        const int savesEach = 40;
        using (var database = new SqliteDatabase(_db.Path, 5, secureDelete: true))
        {
            var store = new SqliteLedgerStore(database, groupCommit);
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < savesEach; i++) store.Save(State($"m{t}", i + 1), $"msg-{t}-{i}");
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        using var reopened = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var check = new SqliteLedgerStore(reopened);
        Assert.That(check.Count(), Is.EqualTo(threads));
        for (var t = 0; t < threads; t++)
        {
            Assert.That(check.Find(RelationshipKey.Dm($"m{t}"))?.Exchanges, Is.EqualTo(savesEach));
            Assert.That(check.WasProcessed($"msg-{t}-{savesEach - 1}"), Is.True);
        }
    }

    [Test]
    public void Save_OneTurnCannotBeWritten_OnlyThatCallerFailsAndTheOthersAreStored()
    {
        const int threads = 6;
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database, groupCommit: true);
        var errors = new Exception?[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            // A null member serializes, then fails inside the (possibly shared) transaction when the row is written.
            var state = t == 2 ? State($"m{t}", 1) with { Key = new RelationshipKey("dm", null!) } : State($"m{t}", 1);
            try
            {
                store.Save(state, $"msg-{t}");
            }
            catch (Exception ex)
            {
                errors[t] = ex;
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.That(errors[2], Is.Not.Null);
        Assert.That(errors.Where((_, t) => t != 2), Has.All.Null);
        Assert.That(store.WasProcessed("msg-2"), Is.False);
        Assert.That(store.Count(), Is.EqualTo(threads - 1));
        Assert.That(Enumerable.Range(0, threads).Where(t => t != 2).Select(t => store.WasProcessed($"msg-{t}")), Has.All.True);
    }

    [Test]
    public async Task SaveAsync_CallersArriveWhileACommitWaits_AwaitWithoutAThreadAndShareTheNextTransaction()
    {
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database, groupCommit: true);
        using var held = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        // Something else holds the database: the leader's commit waits behind it.
        var blocker = Task.Run(() => database.Write((_, _) =>
        {
            held.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }));
        Assert.That(held.Wait(TimeSpan.FromSeconds(10)), Is.True);
        var leader = Task.Run(() => store.SaveAsync(new TurnRecord(State("lead", 1), "msg-lead"), CancellationToken.None));
        Assert.That(SpinWait.SpinUntil(() => store.PendingCommits.Committing, TimeSpan.FromSeconds(10)), Is.True);

        // Called on this thread: each call comes straight back with a pending task (the caller is not held).
        var followers = Enumerable.Range(0, 5).Select(i => store.SaveAsync(new TurnRecord(State($"f{i}", 1), $"msg-f{i}"), CancellationToken.None)).ToList();

        Assert.That(followers.Any(f => f.IsCompleted), Is.False);
        Assert.That(store.PendingCommits.Queued, Is.EqualTo(5));
        release.Set();
        Assert.That(await Task.WhenAll([leader, .. followers]), Has.All.True);
        await blocker;
        Assert.That(store.Count(), Is.EqualTo(6));
        Assert.That(store.PendingCommits, Is.EqualTo((0, false)));
    }

    [Test]
    public void Save_SingleCaller_InvalidTurnThrowsAndStoresNothing()
    {
        using var database = new SqliteDatabase(_db.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);

        Assert.That(() => store.Save(State("m", 1) with { Warmth = double.NaN }, "msg"), Throws.Exception);
        Assert.That(store.Count(), Is.Zero);
        Assert.That(store.WasProcessed("msg"), Is.False);
    }

    private static RelationshipState State(string member, int exchanges)
    {
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        return RelationshipState.New(RelationshipKey.Dm(member), at, new LedgerBaseline(0.1, 0.1)) with { Exchanges = exchanges };
    }
}
