using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

public sealed class ProviderModeTests
{
    [Test]
    public async Task Backup_OnPostgres_RefusedWithThePostgresWay()
    {
        using var dir = new TempDirectory();
        var config = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=9" };
        var (exit, _, error) = await ProgramRun.RunAsync("", config, "backup", dir.File("copy.db"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain("pg_dump"));
            Assert.That(File.Exists(dir.File("copy.db")), Is.False);
        });
    }

    [Test]
    public async Task AnyMode_UnknownProvider_OneLineNamingTheSetting()
    {
        var config = new Dictionary<string, string?> { ["Storage:Provider"] = "mysql" };
        var (exit, _, error) = await ProgramRun.RunAsync("", config, "chat");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain("Storage:Provider"));
        });
    }
}
