using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Tests.Storage;

public sealed class PreparedStatementTests
{
    [Test]
    public void DeleteMember_AfterCachedReadsAndWrites_TruncatesTheWalToZeroBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), "statements-" + Path.GetRandomFileName() + ".db");
        try
        {
            using var database = new SqliteDatabase(path, 5, secureDelete: true);
            var store = new SqliteLedgerStore(database);
            var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
            var key = RelationshipKey.Dm("m");
            store.Save(RelationshipState.New(key, at, new LedgerBaseline(0.1, 0.1)), "a");
            Assert.That(store.Find(key), Is.Not.Null);
            Assert.That(store.WasProcessed("a"), Is.True);

            store.DeleteMember("m");

            Assert.That(new FileInfo(path + "-wal").Length, Is.Zero);
            Assert.That(store.Find(key), Is.Null);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Test]
    public void Statement_OutsideReadOrWrite_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), "statements-" + Path.GetRandomFileName() + ".db");
        try
        {
            using var database = new SqliteDatabase(path, 5, secureDelete: true);

            Assert.That(() => database.Statement("SELECT 1;"), Throws.InvalidOperationException);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
