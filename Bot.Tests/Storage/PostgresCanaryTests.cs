using System.Text;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Storage.Contract;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

/// <summary>
/// Does /forget on PostgreSQL leave the member's words on disk? A canary goes into the history, the member is
/// forgotten (rows deleted, key first, then VACUUM: the bot's own clean-up), the server is checkpointed so every page
/// is in its file, and the database's files and pg_wal are scanned for the canary's bytes. Without encryption the
/// scan finds it (PostgreSQL keeps old row versions and the WAL keeps every insert); with crypto-shredding only
/// ciphertext ever reached the disk, so it finds nothing.
/// </summary>
public sealed class PostgresCanaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Forget_WithoutEncryption_CanaryStaysInTheWal()
    {
        var found = Run(MemberCipher.Plain);
        TestContext.Out.WriteLine("plaintext store, after /forget + VACUUM + CHECKPOINT: " + found);
        Assert.That(found.InWal, Is.GreaterThan(0), "the scan must be able to see a remnant, or it proves nothing");
    }

    [Test]
    public void Forget_WithCryptoShredding_NoCanaryByteAnywhere()
    {
        var found = Run(MemberCipher.Sealing);
        TestContext.Out.WriteLine("sealed store, after /forget + VACUUM + CHECKPOINT: " + found);
        Assert.Multiple(() =>
        {
            Assert.That(found.InTables, Is.Zero, "table files hold only ciphertext");
            Assert.That(found.InWal, Is.Zero, "the WAL holds only ciphertext");
            Assert.That(found.KeyInTables, Is.Zero, "the destroyed key is in no table file (the key table was rewritten)");
        });
    }

    private static Findings Run(MemberCipher cipher)
    {
        using var server = TestPostgres.Create();
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        var member = RelationshipKey.Dm("3003");
        byte[] key;
        using (var stores = StoreSet.Postgres(new PostgresDatabase(server.ConnectionString), cipher))
        {
            for (var i = 0; i < 3; i++)
            {
                stores.Ledger.Save(new TurnRecord(RelationshipState.New(member, Now, new LedgerBaseline(0.1, 0.1)) with { Exchanges = i + 1 }, "m" + i)
                {
                    History = new HistoryEntry($"my secret is {canary} ({i})", "I'll keep it safe", Now.AddMinutes(i), 4),
                });
            }
            // Another member writes after the canary, so VACUUM cannot simply cut the freed pages off the file's end.
            var other = RelationshipKey.Dm("4004");
            for (var i = 0; i < 3; i++)
            {
                stores.Ledger.Save(new TurnRecord(RelationshipState.New(other, Now, new LedgerBaseline(0.1, 0.1)), "o" + i)
                {
                    History = new HistoryEntry("an ordinary message " + i, "an ordinary reply", Now.AddMinutes(i), 4),
                });
            }
            Assert.That(stores.History.Recent(member, 10).Select(t => t.Text), Has.Some.Contains(canary));
            key = (byte[])server.Scalar("SELECT key FROM member_keys")!;
            stores.Ledger.DeleteMember(member.MemberId);
        }
        server.Scalar("CHECKPOINT");
        var dataDirectory = (string)server.Scalar("SHOW data_directory")!;
        var databaseFolder = Path.Combine(dataDirectory, "base", server.Scalar("SELECT oid FROM pg_database WHERE datname = current_database()")!.ToString()!);
        try
        {
            var needle = Encoding.UTF8.GetBytes(canary);
            var wal = Path.Combine(dataDirectory, "pg_wal");
            return new Findings(Count(databaseFolder, needle), Count(wal, needle), Count(databaseFolder, key), Count(wal, key));
        }
        catch (UnauthorizedAccessException ex)
        {
            Assert.Ignore($"the test cannot read the server's files ({ex.Message}); run it as root or as the server's user");
            throw;
        }
    }

    /// <summary>Files under <paramref name="folder"/> holding <paramref name="needle"/>.</summary>
    private static int Count(string folder, byte[] needle) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);

    private sealed record Findings(int InTables, int InWal, int KeyInTables, int KeyInWal)
    {
        public override string ToString() =>
            $"canary in {InTables} table file(s) and {InWal} WAL segment(s); the destroyed key in {KeyInTables} table file(s) and {KeyInWal} WAL segment(s)";
    }
}
