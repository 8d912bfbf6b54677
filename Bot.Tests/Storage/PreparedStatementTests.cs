using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

public sealed class PreparedStatementTests
{
    [Test]
    public void DeleteMember_AfterCachedReadsAndWrites_TruncatesTheWalToZeroBytes()
    {
        using var temp = new TempDatabase("statements");
        using var database = new SqliteDatabase(temp.Path, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);
        var key = RelationshipKey.Dm("m");
        store.Save(RelationshipState.New(key, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), new LedgerBaseline(0.1, 0.1)), "a");
        Assert.That(store.Find(key), Is.Not.Null);
        Assert.That(store.WasProcessed("a"), Is.True);

        store.DeleteMember("m");

        Assert.That(new FileInfo(temp.Path + "-wal").Length, Is.Zero);
        Assert.That(store.Find(key), Is.Null);
    }

    [Test]
    public void Statement_OutsideReadOrWrite_Throws()
    {
        using var temp = new TempDatabase("statements");
        using var database = new SqliteDatabase(temp.Path, 5, secureDelete: true);

        Assert.That(() => database.Statement("SELECT 1;"), Throws.InvalidOperationException);
    }
}
