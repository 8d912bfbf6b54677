using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompanionBot.Tests.Storage;

/// <summary>
/// The answer channels on PostgreSQL are answered from memory, and a change made by another process (its own
/// connection pool on the same schema) is seen within <see cref="PostgresChannelSettings.StaleAfter"/> on the clock.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class PostgresChannelSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AnswersWithoutMention_AnotherProcessAddsAndRemoves_SeenOnceStaleAfterPasses()
    {
        using var server = TestPostgres.Create();
        var clock = new ManualTimeProvider();
        using var here = new PostgresDatabase(server.ConnectionString);
        using var elsewhere = new PostgresDatabase(server.ConnectionString);
        var settings = Settings(here, clock);
        var other = Settings(elsewhere, new ManualTimeProvider());
        Assert.That(settings.AnswersWithoutMention("g1", "c1"), Is.False);

        other.Add("g1", "c1", "mod", Now);
        var withinBound = settings.AnswersWithoutMention("g1", "c1");
        clock.Advance(PostgresChannelSettings.StaleAfter);
        settings.AnswersWithoutMention("g1", "c1"); // stale: starts the reload, answered from the old copy
        await settings.Refreshing;
        var afterAdd = settings.AnswersWithoutMention("g1", "c1");

        other.Remove("g1", "c1");
        clock.Advance(PostgresChannelSettings.StaleAfter);
        settings.AnswersWithoutMention("g1", "c1");
        await settings.Refreshing;
        var afterRemove = settings.AnswersWithoutMention("g1", "c1");

        Assert.Multiple(() =>
        {
            Assert.That(withinBound, Is.False, "answered from memory: no database read per message");
            Assert.That(afterAdd, Is.True, "the other process's add is seen once the copy is stale");
            Assert.That(afterRemove, Is.False, "and so is its remove");
        });
    }

    [Test]
    public async Task AnswersWithoutMention_RowWrittenOnAnotherConnection_SeenAfterReloadNotBefore()
    {
        using var server = TestPostgres.Create();
        var clock = new ManualTimeProvider();
        using var database = new PostgresDatabase(server.ConnectionString);
        var settings = Settings(database, clock);
        settings.AnswersWithoutMention("g1", "c1");

        server.Scalar("INSERT INTO answer_channels (guild, channel, added_by, added_at) VALUES ('g1', 'c2', 'psql', now());");
        clock.Advance(PostgresChannelSettings.StaleAfter - TimeSpan.FromSeconds(1));
        var justBefore = settings.AnswersWithoutMention("g1", "c2");
        var refreshBefore = settings.Refreshing;
        clock.Advance(TimeSpan.FromSeconds(1));
        settings.AnswersWithoutMention("g1", "c2");
        await settings.Refreshing;

        Assert.That(justBefore, Is.False);
        Assert.That(refreshBefore.IsCompleted, Is.True, "no reload before the bound");
        Assert.That(settings.AnswersWithoutMention("g1", "c2"), Is.True);
    }

    [Test]
    public void AddRemove_ThisProcess_SeenAtOnce()
    {
        using var server = TestPostgres.Create();
        using var database = new PostgresDatabase(server.ConnectionString);
        var settings = Settings(database, new ManualTimeProvider());
        settings.AnswersWithoutMention("g1", "c1");

        var added = settings.Add("g1", "c1", "mod", Now);
        var afterAdd = settings.AnswersWithoutMention("g1", "c1");
        var removed = settings.Remove("g1", "c1");

        Assert.That((added, afterAdd, removed), Is.EqualTo((true, true, true)));
        Assert.That(settings.AnswersWithoutMention("g1", "c1"), Is.False);
    }

    [Test]
    public async Task AnswersWithoutMention_ReloadFails_KeepsTheCopyAndTriesAgainLater()
    {
        using var server = TestPostgres.Create();
        var clock = new ManualTimeProvider();
        using var database = new PostgresDatabase(server.ConnectionString);
        var settings = Settings(database, clock);
        settings.Add("g1", "c1", "mod", Now);

        server.Scalar("ALTER TABLE answer_channels RENAME TO answer_channels_away;");
        clock.Advance(PostgresChannelSettings.StaleAfter);
        settings.AnswersWithoutMention("g1", "c1");
        await settings.Refreshing;
        var duringOutage = settings.AnswersWithoutMention("g1", "c1");
        server.Scalar("ALTER TABLE answer_channels_away RENAME TO answer_channels; DELETE FROM answer_channels;");
        clock.Advance(PostgresChannelSettings.StaleAfter);
        settings.AnswersWithoutMention("g1", "c1");
        await settings.Refreshing;

        Assert.That(duringOutage, Is.True, "the last good copy answers while the database cannot");
        Assert.That(settings.AnswersWithoutMention("g1", "c1"), Is.False, "the next reload after the bound picks up the table again");
    }

    private static PostgresChannelSettings Settings(PostgresDatabase database, TimeProvider clock) =>
        new(database, clock, NullLogger<PostgresChannelSettings>.Instance);
}
