using CompanionBot.Modes;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>The backup mode through the program's entry: a copy an operator can restore by putting it in place.</summary>
public sealed class BackupModeTests
{
    [Test]
    public async Task Backup_ThenChatOnTheCopy_TheRelationshipContinues()
    {
        using var dir = new TempDirectory();
        await ProgramRun.RunAsync("hi there\n", null, "chat", "--db", dir.File("live.db"));

        var (exit, output, error) = await ProgramRun.RunAsync("", null, "backup", dir.File("backups/copy.db"), "--db", dir.File("live.db"));
        var (_, restored, _) = await ProgramRun.RunAsync("/rapport\n", null, "chat", "--db", dir.File("backups/copy.db"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.StartWith($"Backed up {dir.File("live.db")} to {dir.File("backups/copy.db")} (").And.Contain("check ok"));
            Assert.That(restored, Does.Contain("1 message from you"));
        });
    }

    [Test]
    public async Task Backup_TargetExists_RefusesUnlessForced()
    {
        using var dir = new TempDirectory();
        await ProgramRun.RunAsync("hi there\n", null, "chat", "--db", dir.File("live.db"));
        File.WriteAllText(dir.File("copy.db"), "last week's backup");

        var (refused, _, error) = await ProgramRun.RunAsync("", null, "backup", dir.File("copy.db"), "--db", dir.File("live.db"));
        var kept = File.ReadAllText(dir.File("copy.db"));
        var (forced, _, _) = await ProgramRun.RunAsync("", null, "backup", "--force", dir.File("copy.db"), "--db", dir.File("live.db"));

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(1));
            Assert.That(error.Trim(), Is.EqualTo($"storage error: {dir.File("copy.db")} already exists; pass --force to replace it"));
            Assert.That(kept, Is.EqualTo("last week's backup"));
            Assert.That(forced, Is.Zero);
            Assert.That(new FileInfo(dir.File("copy.db")).Length, Is.GreaterThan(4096), "replaced by a database");
        });
    }

    [Test]
    public async Task Backup_NoDatabaseYet_SaysSoAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "backup", dir.File("copy.db"), "--db", dir.File("none.db"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo($"storage error: no database at {dir.File("none.db")}"));
        Assert.That(Directory.GetFiles(dir.Path), Is.Empty);
    }

    [Test]
    public async Task Backup_NoPath_UsageErrorExitTwo()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "backup");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: backup needs the path of the copy to write"));
    }

    [Test]
    public async Task Backup_PostgresProvider_PointsToPgDump()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=9;Database=x;Username=u",
        }, "backup", "copy.db");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: backup copies the SQLite ledger; with Storage:Provider=postgres back up the database with pg_dump"));
    }

    [Test]
    public void Report_BigDatabase_OneLinePerTenthAndNothingForASmallOne()
    {
        var big = new StringWriter();
        var reporter = new BackupProgressReporter(big, fromPages: 1000);
        for (var done = 0; done <= 2000; done += 150) reporter.Report(new BackupProgress(done, 2000));
        reporter.Report(new BackupProgress(2000, 2000));
        var small = new StringWriter();
        new BackupProgressReporter(small, fromPages: 1000).Report(new BackupProgress(999, 999));

        var lines = big.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(10));
        Assert.That(lines[0], Is.EqualTo("10% (300 of 2,000 pages)"));
        Assert.That(lines[^1], Is.EqualTo("100% (2,000 of 2,000 pages)"));
        Assert.That(small.ToString(), Is.Empty);
    }
}
