using System.Text;
using CompanionBot.Storage;
using CompanionBot.Tests.Storage.Contract;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Storage;

/// <summary>`migrate --from sqlite:PATH --to postgres`, through the program.</summary>
public sealed class MigrateTests
{
    private static readonly DateTimeOffset Now = StoreContract.Now;
    private static readonly RelationshipKey Guild = StoreContract.Guild;
    private static readonly RelationshipKey Dm = StoreContract.Dm;

    private static CompanionBot.Storage.TurnRecord Turn(RelationshipKey key, string id, int exchanges, string? text = null) =>
        StoreContract.Turn(key, id, exchanges, text);

    [Test]
    public async Task Migrate_SqliteLedger_EveryRowArrivesReadableAndCounted()
    {
        using var server = TestPostgres.Create();
        using var file = new TempDatabase("migrate");
        using (var sqlite = StoreSet.Sqlite(file.Path))
        {
            for (var i = 1; i <= 3; i++) sqlite.Ledger.Save(Turn(Guild, "m" + i, i, "exam number " + i));
            sqlite.Ledger.Save(Turn(Dm, "d1", 1, "a dm"));
            sqlite.MemberData.RecordReset(Dm, Now);
            sqlite.Channels.Add("42", "9", "mod", Now);
            sqlite.Personas.Append(Guild.Scope, "name: Mara", "mod", Now, "set");
        }
        var config = new Dictionary<string, string?> { ["Storage:ConnectionString"] = server.ConnectionString };

        var (exit, output, error) = await ProgramRun.RunAsync("", config, "migrate", "--from", "sqlite:" + file.Path, "--to", "postgres");

        Assert.That(exit, Is.Zero, error);
        using var pg = StoreSet.Postgres(server);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("every count matches"));
            Assert.That(output, Does.Contain("turns"));
            Assert.That(pg.Ledger.Find(Guild)!.Exchanges, Is.EqualTo(3));
            Assert.That(pg.History.Recent(Guild, 10).Select(t => t.Text), Is.EqualTo(new[] { "exam number 2", "reply to exam number 2", "exam number 3", "reply to exam number 3" }));
            Assert.That(pg.Ledger.WasProcessed("d1"), Is.True);
            Assert.That(pg.MemberData.LastReset(Dm), Is.EqualTo(Now));
            Assert.That(pg.Channels.AnswersWithoutMention("42", "9"), Is.True);
            Assert.That(pg.Personas.Current(Guild.Scope)!.Yaml, Is.EqualTo("name: Mara"));
            Assert.That(pg.Counters.Total(CounterNames.StancePrefix + "warm", null, "2026"), Is.EqualTo(4));
            Assert.That(Encoding.UTF8.GetString(pg.MemberData.Export(Guild, Now)), Does.Contain("exam number 3"));
            Assert.That(server.Scalar("SELECT count(*) FROM turns WHERE position('exam'::bytea in text) > 0"), Is.EqualTo(0L), "text arrives sealed");
        });
    }

    [Test]
    public async Task Migrate_IntoANonEmptyDatabase_RefusedAndNothingWritten()
    {
        using var server = TestPostgres.Create();
        using var file = new TempDatabase("migrate");
        using (var sqlite = StoreSet.Sqlite(file.Path)) sqlite.Ledger.Save(Turn(Guild, "m1", 1, "hello"));
        using (var pg = StoreSet.Postgres(server)) pg.Ledger.Save(Turn(Dm, "other", 1, "already here"));
        var config = new Dictionary<string, string?> { ["Storage:ConnectionString"] = server.ConnectionString };

        var (exit, _, error) = await ProgramRun.RunAsync("", config, "migrate", "--from", "sqlite:" + file.Path, "--to", "postgres");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain("already holds a ledger").And.Contain("--into-non-empty"));
            Assert.That(server.Scalar("SELECT count(*) FROM relationships"), Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task Migrate_IntoNonEmptyWhenTold_AddsTheRows()
    {
        using var server = TestPostgres.Create();
        using var file = new TempDatabase("migrate");
        using (var sqlite = StoreSet.Sqlite(file.Path)) sqlite.Ledger.Save(Turn(Guild, "m1", 1, "hello"));
        using (var pg = StoreSet.Postgres(server)) pg.Ledger.Save(Turn(Dm, "other", 1, "already here"));
        var config = new Dictionary<string, string?> { ["Storage:ConnectionString"] = server.ConnectionString };

        var (exit, _, error) = await ProgramRun.RunAsync("", config, "migrate", "--from", "sqlite:" + file.Path, "--to", "postgres", "--into-non-empty");

        Assert.That(exit, Is.Zero, error);
        Assert.That(server.Scalar("SELECT count(*) FROM relationships"), Is.EqualTo(2L));
    }
}
