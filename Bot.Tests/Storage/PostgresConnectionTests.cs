using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Support;
using Npgsql;

namespace CompanionBot.Tests.Storage;

public sealed class PostgresConnectionTests
{
    private const string Secret = "Sup3r-Secret-7731";

    [Test]
    public void Open_NothingListening_ErrorNamesTheServerNotThePassword()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused without any server.
        var ex = Assert.Throws<StorageException>(() =>
            new PostgresDatabase($"Host=127.0.0.1;Port=9;Username=companion;Password={Secret};Database=companion;Timeout=2"));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("127.0.0.1:9/companion"));
            Assert.That(ex.ToString(), Does.Not.Contain(Secret));
            Assert.That(ex.InnerException, Is.Null, "only the redacted message leaves the store");
        });
    }

    [Test]
    public void Open_EmptyConnectionString_ErrorNamesTheSetting()
    {
        var ex = Assert.Throws<StorageException>(() => new PostgresDatabase(""));
        Assert.That(ex!.Message, Does.Contain("Storage:ConnectionString"));
    }

    [Test]
    public void Open_WrongPassword_ErrorNeverCarriesThePassword()
    {
        using var server = TestPostgres.Create();
        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = Secret }.ConnectionString;
        var ex = Assert.Throws<StorageException>(() => new PostgresDatabase(wrong));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("password authentication failed"));
            Assert.That(ex.ToString(), Does.Not.Contain(Secret));
        });
    }

    [Test]
    public async Task AcquireLease_ServerEndedTheSession_StorageExceptionWithoutThePassword()
    {
        using var server = TestPostgres.Create();
        var app = "lease-" + server.Schema;
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = app, MaxPoolSize = 1 };
        using var db = new PostgresDatabase(builder.ConnectionString);
        var leases = new PostgresMemberLeases(db);
        (await leases.AcquireAsync("1001", CancellationToken.None)).Dispose();
        // The pooled connection's session is ended under it (a server restart or an administrator would do the same).
        server.Scalar($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{app}';");

        var thrown = Assert.ThrowsAsync<StorageException>(() => leases.AcquireAsync("1001", CancellationToken.None));

        Assert.That(thrown!.Message, Does.Contain("PostgreSQL"));
        Assert.That(thrown.Message, Does.Not.Contain(builder.Password!));
        Assert.That(thrown.InnerException, Is.Null, "only the redacted message leaves the store");
    }

    [Test]
    public void Redact_TextHoldingTheConnectionString_CutsThePasswordEverywhere()
    {
        var secrets = new ConnectionSecrets($"Host=h;Password={Secret}");
        var text = $"failed: Host=h;Password={Secret};Database=d, and again {Secret}, pwd = other";
        Assert.That(secrets.Redact(text), Is.EqualTo("failed: Host=h;Password=***;Database=d, and again ***, pwd=***"));
    }
}
