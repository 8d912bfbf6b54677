using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

public sealed class StartupTests
{
    [Test]
    public async Task Start_BusyTimeoutOutOfRange_StopsNamingTheConfigKey()
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = await ProgramRun.RunAsync("", new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = dir.File("c.db"),
            ["Storage:BusyTimeoutSeconds"] = "-3",
        }, "chat");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("configuration error: Storage:BusyTimeoutSeconds"));
    }

    [Test]
    public async Task Start_CorruptDatabase_OneLineErrorAndExitOne()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.db"), new string('x', 4096));
        var (exit, _, error) = await ProgramRun.RunAsync("hi\n", null, "chat", "--db", dir.File("bad.db"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.StartWith("storage error:").And.Contain("not a SQLite database"));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task Start_UnwritableDatabasePath_OneLineErrorAndExitOne()
    {
        using var dir = new TempDirectory();
        var blocker = dir.File("file");
        File.WriteAllText(blocker, "a file where a folder should be");
        var (exit, _, error) = await ProgramRun.RunAsync("hi\n", null, "chat", "--db", Path.Combine(blocker, "sub", "c.db"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("storage error:"));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task Discord_NoToken_ExitsNamingTheSetting()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "discord");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Discord__Token"));
    }

    [Test]
    public async Task UnknownMode_PrintsUsageAndExitsTwo()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "dance");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown mode 'dance'").And.Contain("usage:"));
    }

    [Test]
    public async Task Chat_UnknownOption_IsRejected()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "chat", "--colour", "red");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown option --colour"));
    }
}
