using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Data.Sqlite;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage;

/// <summary>
/// A backup taken while the bot's own connection keeps committing turns: the copy opens, passes
/// PRAGMA integrity_check, and holds every turn committed before it began, each whole (state and handled mark).
/// </summary>
public sealed class SqliteBackupTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Run_WritesBetweenEverySteps_CopyIsTheDatabaseAsItBeganAndPassesIntegrityCheck()
    {
        using var dir = new TempDirectory();
        using var live = new SqliteDatabase(dir.File("live.db"), 5, secureDelete: true);
        var ledger = new SqliteLedgerStore(live);
        var committed = 0;
        while (committed < 400) Commit(ledger, committed++);
        var before = committed;
        var steps = 0;

        // One page per step, and the bot's connection commits two more turns between every two steps.
        var result = SqliteBackup.Run(live.DatabasePath, dir.File("copy.db"), overwrite: false, pagesPerStep: 1, progress: _ =>
        {
            if (++steps > 5_000) throw new AssertionException("the backup keeps restarting: each write sends it back to the first page");
            Commit(ledger, committed++);
            Commit(ledger, committed++);
        });

        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.GreaterThan(20), "the copy took many steps, with writes between them");
            Assert.That(ledger.Count(), Is.EqualTo(committed), "the writes landed in the live database");
            Assert.That(IntegrityCheck(result.Path), Is.EqualTo("ok"));
            Assert.That(Members(result.Path), Is.EqualTo(Enumerable.Range(0, before).Select(Member)), "exactly the turns committed before the backup began");
            Assert.That(HandledMarks(result.Path), Is.EqualTo(before), "each turn whole: its handled mark is there too");
        });
    }

    [Test]
    public async Task Run_WhileAnotherConnectionWritesFreely_CopyHoldsEveryCommittedRowAndIsConsistent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("live.db");
        using var live = new SqliteDatabase(path, 5, secureDelete: true);
        var ledger = new SqliteLedgerStore(live);
        var committed = 0;
        while (committed < 2000) Commit(ledger, committed++);
        var before = committed;

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) Commit(ledger, Interlocked.Increment(ref committed) - 1);
        });
        BackupResult result;
        try
        {
            result = SqliteBackup.Run(path, dir.File("copy.db"), overwrite: false, pagesPerStep: 2);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        var members = Members(result.Path);
        Assert.Multiple(() =>
        {
            Assert.That(IntegrityCheck(result.Path), Is.EqualTo("ok"));
            Assert.That(members.Count, Is.GreaterThanOrEqualTo(before), "every row committed before the backup began");
            Assert.That(members, Is.EqualTo(Enumerable.Range(0, members.Count).Select(Member)), "a prefix of the commits, no gaps");
            Assert.That(HandledMarks(result.Path), Is.EqualTo(members.Count), "nothing half-applied");
        });
    }

    [Test]
    public void Run_TargetExists_RefusesAndLeavesItUnlessOverwriteIsSet()
    {
        using var dir = new TempDirectory();
        using var live = new SqliteDatabase(dir.File("live.db"), 5, secureDelete: true);
        Commit(new SqliteLedgerStore(live), 0);
        File.WriteAllText(dir.File("copy.db"), "yesterday's backup");

        Assert.That(() => SqliteBackup.Run(live.DatabasePath, dir.File("copy.db"), overwrite: false),
            Throws.InstanceOf<StorageException>().With.Message.Contains("already exists; pass --force to replace it"));
        Assert.That(File.ReadAllText(dir.File("copy.db")), Is.EqualTo("yesterday's backup"));

        SqliteBackup.Run(live.DatabasePath, dir.File("copy.db"), overwrite: true);
        Assert.That(Members(dir.File("copy.db")), Is.EqualTo(new[] { Member(0) }));
        Assert.That(Directory.GetFiles(dir.Path), Has.None.Contains(".partial"), "no temporary file left behind");
    }

    [Test]
    public void Run_ProgressReachesEveryPage()
    {
        using var dir = new TempDirectory();
        using var live = new SqliteDatabase(dir.File("live.db"), 5, secureDelete: true);
        var ledger = new SqliteLedgerStore(live);
        for (var i = 0; i < 200; i++) Commit(ledger, i);
        var seen = new List<BackupProgress>();

        var result = SqliteBackup.Run(live.DatabasePath, dir.File("copy.db"), overwrite: false, pagesPerStep: 3, progress: seen.Add);

        Assert.That(seen.Select(p => p.PagesDone), Is.Ordered.Ascending);
        Assert.That(seen[^1], Is.EqualTo(new BackupProgress(result.Pages, result.Pages)));
    }

    private static string Member(int i) => $"m{i:D6}";

    private static void Commit(SqliteLedgerStore ledger, int i) =>
        ledger.Save(new TurnRecord(RelationshipState.New(RelationshipKey.Dm(Member(i)), Now, new LedgerBaseline(0.1, 0.1)), $"msg-{i}"));

    private static string IntegrityCheck(string path) => Scalar(path, "PRAGMA integrity_check;");

    private static int HandledMarks(string path) => int.Parse(Scalar(path, "SELECT count(*) FROM processed_messages;"), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Members(string path)
    {
        using var connection = OpenReadOnly(path);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT member FROM relationships ORDER BY member;";
        using var reader = cmd.ExecuteReader();
        var members = new List<string>();
        while (reader.Read()) members.Add(reader.GetString(0));
        return members;
    }

    private static string Scalar(string path, string sql)
    {
        using var connection = OpenReadOnly(path);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
