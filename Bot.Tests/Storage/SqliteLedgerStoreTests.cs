using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

public sealed class SqliteLedgerStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Open_NewFile_AppliesPragmasAndMigrations()
    {
        using var dir = new TempDirectory();
        using var db = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true);
        Assert.Multiple(() =>
        {
            Assert.That(db.Pragma("journal_mode"), Is.EqualTo("wal"));
            Assert.That(db.Pragma("synchronous"), Is.EqualTo(2L), "FULL");
            Assert.That(db.Pragma("secure_delete"), Is.EqualTo(1L));
            Assert.That(db.Pragma("foreign_keys"), Is.EqualTo(1L));
            Assert.That(db.Pragma("temp_store"), Is.EqualTo(2L), "MEMORY: no temp files with copies of user text");
            Assert.That(db.Pragma("busy_timeout"), Is.EqualTo(5000L));
            Assert.That(db.Pragma("user_version"), Is.EqualTo((long)SchemaMigrations.Steps[^1].Version));
        });
    }

    [Test]
    public async Task Load_WhileAWriteIsInFlight_ReturnsTheLastCommitWithoutWaiting()
    {
        using var dir = new TempDirectory();
        using var db = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true);
        var store = new SqliteLedgerStore(db);
        var key = RelationshipKey.Dm("reader");
        store.Save(RelationshipState.New(key, Now, new LedgerBaseline(0.1, 0.1)) with { Exchanges = 1 }, "m-1");
        using var written = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        // A turn's transaction holds the writer, its row written and not yet committed (as a commit syncing).
        var writer = Task.Run(() => db.Write((_, tx) =>
        {
            SqliteLedgerStore.WriteTurn(db, tx, new TurnRecord(RelationshipState.New(key, Now, new LedgerBaseline(0.1, 0.1)) with { Exchanges = 2 }, "m-2"), "{}");
            written.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }));
        Assert.That(written.Wait(TimeSpan.FromSeconds(10)), Is.True);

        // On this thread, while the writer is held: a reader connection answers from the last commit.
        var snapshot = store.Load(key, "m-2", 8);
        var readerSettings = db.Read(c => (Pragma(c, "query_only"), Pragma(c, "secure_delete"), Pragma(c, "journal_mode")));

        Assert.That(snapshot.AlreadyHandled, Is.False, "m-2 is not committed yet");
        Assert.That(snapshot.State!.Exchanges, Is.EqualTo(1));
        Assert.That(readerSettings, Is.EqualTo(((object)1L, (object)1L, (object)"wal")));
        release.Set();
        await writer;
        Assert.That(store.WasProcessed("m-2"), Is.True, "and the commit is seen once done");
    }

    private static object? Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA {name};";
        return cmd.ExecuteScalar();
    }

    [Test]
    public void Save_ThenReopen_RoundTripsTheWholeState()
    {
        using var dir = new TempDirectory();
        var key = RelationshipKey.InGuild("42", "1001");
        var state = RelationshipState.New(key, Now, new LedgerBaseline(0.1, 0.1)) with
        {
            Warmth = 0.42, Trust = 0.37, Friction = 0.05, Stage = Stage.Acquaintance, Exchanges = 12, KnownMinor = true,
            Moments = [new NotableMoment(Now, "follow_through", "remembered something I'd said", true)],
            OpenQuestions = [new OpenQuestion("name", "who you are", Now, 2)],
        };
        using (var db = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true))
        {
            new SqliteLedgerStore(db).Save(state, "m-1");
        }
        using var reopened = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true);
        var store = new SqliteLedgerStore(reopened);
        var loaded = store.Find(key);
        Assert.That(loaded, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(loaded!.Warmth, Is.EqualTo(0.42));
            Assert.That(loaded.Stage, Is.EqualTo(Stage.Acquaintance));
            Assert.That(loaded.KnownMinor, Is.True);
            Assert.That(loaded.Moments.Single().Description, Is.EqualTo("remembered something I'd said"));
            Assert.That(loaded.OpenQuestions.Single().TimesAsked, Is.EqualTo(2));
            Assert.That(store.WasProcessed("m-1"), Is.True);
            Assert.That(store.WasProcessed("m-2"), Is.False);
        });
    }

    [Test]
    public void Find_OtherScope_DoesNotSeeTheRelationship()
    {
        using var dir = new TempDirectory();
        using var db = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true);
        var store = new SqliteLedgerStore(db);
        store.Save(RelationshipState.New(RelationshipKey.InGuild("1", "7"), Now, new LedgerBaseline(0.1, 0.1)) with { Warmth = 0.9 }, null);
        Assert.Multiple(() =>
        {
            Assert.That(store.Find(RelationshipKey.InGuild("2", "7")), Is.Null);
            Assert.That(store.Find(RelationshipKey.Dm("7")), Is.Null);
        });
    }

    [Test]
    public void DeleteMember_RemovesEveryScopeButLeavesOthers()
    {
        using var dir = new TempDirectory();
        using var db = new SqliteDatabase(dir.File("ledger.db"), 5, secureDelete: true);
        var store = new SqliteLedgerStore(db);
        store.Save(RelationshipState.New(RelationshipKey.InGuild("1", "7"), Now, new LedgerBaseline(0.1, 0.1)), "a");
        store.Save(RelationshipState.New(RelationshipKey.Dm("7"), Now, new LedgerBaseline(0.1, 0.1)), "b");
        store.Save(RelationshipState.New(RelationshipKey.Dm("8"), Now, new LedgerBaseline(0.1, 0.1)), "c");
        var deleted = store.DeleteMember("7");
        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EqualTo(4), "two relationships and two handled-message rows");
            Assert.That(store.Count(), Is.EqualTo(1));
            Assert.That(store.Find(RelationshipKey.Dm("8")), Is.Not.Null);
            Assert.That(store.WasProcessed("a"), Is.False);
        });
    }

    [Test]
    public void Open_GarbageFile_ThrowsStorageExceptionNamingTheProblem()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.db"), "this is not a database, just some text that is long enough to be read");
        var ex = Assert.Throws<StorageException>(() => new SqliteDatabase(dir.File("bad.db"), 1, secureDelete: true));
        Assert.That(ex!.Message, Does.Contain("not a SQLite database"));
    }
}
