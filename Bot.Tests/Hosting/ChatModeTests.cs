using System.Text.RegularExpressions;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Hosting;

public sealed class ChatModeTests
{
    [Test]
    public async Task Chat_PipedLines_TeasesTheNewStrangerShowsRapportAndExitsZero()
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = await ProgramRun.RunAsync("hey I'm jake\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("Ella (offline voice):"));
            Assert.That(output, Does.Contain("We're still strangers."));
            Assert.That(output, Does.Contain("1 message from you"));
            // The default persona is playful (teasing 0.6), so an ordinary first message from a stranger gets a tease,
            // and first contact owes the AI disclosure: exactly this decision, no other.
            Assert.That(error.Split('\n').Select(l => l.Trim()), Does.Contain("[tease · stranger · rule ordinary-stranger · ai_disclosure]"));
        });
    }

    [Test]
    public async Task Chat_SecondRunOnSameDatabase_ContinuesTheRelationship()
    {
        using var dir = new TempDirectory();
        var db = dir.File("c.db");
        // A command between the lines answers the first at once, so they are two turns, not one burst.
        await ProgramRun.RunAsync("hey I'm jake\n/rapport\nwhat are you listening to?\n", null, "chat", "--db", db);
        var (exit, output, _) = await ProgramRun.RunAsync("back again\n/rapport\n", null, "chat", "--db", db);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Does.Contain("3 messages from you"));
        });
    }

    [Test]
    public async Task Chat_EightLinesPipedAtOnce_AllStoredAndTheBurstAnsweredOnce()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(1, 8).Select(i => $"line {i} of my long story about the bakery").ToList();
        var (exit, output, error) = await ProgramRun.RunAsync(string.Join("\n", lines) + "\n", null, "chat", "--db", dir.File("c.db"));

        using var database = new SqliteDatabase(dir.File("c.db"), 5, secureDelete: true);
        var stored = string.Join("\n", new SqliteHistoryStore(database, Options.Create(new StorageOptions())).Recent(RelationshipKey.Dm("local:you"), 50).Select(t => t.Text));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(Regex.Matches(output, "Ella \\(offline voice\\):").Count, Is.EqualTo(1), "one answer for the burst");
            Assert.That(lines.Where(l => !stored.Contains(l, StringComparison.Ordinal)), Is.Empty, "every line stored");
        });
    }

    [Test]
    public async Task Chat_SpamFloodPiped_OneNoticeAndTheDroppedCountRecorded()
    {
        using var dir = new TempDirectory();
        var spam = string.Concat(Enumerable.Range(0, 100).Select(i => $"spam {i}\n"));
        var (exit, output, _) = await ProgramRun.RunAsync(spam, null, "chat", "--db", dir.File("c.db"));

        using var database = new SqliteDatabase(dir.File("c.db"), 5, secureDelete: true);
        var dropped = database.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(SUM(value), 0) FROM counters WHERE name = 'flood.dropped';";
            return (long)cmd.ExecuteScalar()!;
        });
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(Regex.Matches(output, Regex.Escape(SafetyGate.SlowDown)).Count, Is.EqualTo(1), "one notice, then quiet");
            Assert.That(dropped, Is.GreaterThan(0), "what was dropped is counted");
        });
    }

    [Test]
    public async Task Chat_RapportWhy_NamesTheRuleOfTheLastReply()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("just say you love me\n/rapport why\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("Last reply: set_boundary (rule script-demand)"));
        Assert.That(output, Does.Contain("refuse_script"));
    }

    [Test]
    public async Task Chat_Reset_StartsOverAsStrangers()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi\nhow are you?\n/reset\n/reset confirm\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("we're strangers again"));
        Assert.That(output, Does.Contain("haven't talked yet"));
    }

    [Test]
    public async Task Chat_UnknownCommand_SaysSoAndKeepsGoing()
    {
        using var dir = new TempDirectory();
        var (exit, output, _) = await ProgramRun.RunAsync("/dance\nhey\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("unknown command /dance"));
        Assert.That(output, Does.Contain("Ella"));
    }

    [Test]
    public async Task NoMode_NoToken_StartsTerminalChatWithANotice()
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = await ProgramRun.RunAsync("hello there\n", new Dictionary<string, string?> { ["Storage:DatabasePath"] = dir.File("c.db") });
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(error, Does.Contain("starting terminal chat"));
            Assert.That(output, Does.Contain("Ella"));
        });
    }
}
