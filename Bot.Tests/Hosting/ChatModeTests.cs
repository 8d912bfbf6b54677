using CompanionBot.Tests.Support;

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
        await ProgramRun.RunAsync("hey I'm jake\nwhat are you listening to?\n", null, "chat", "--db", db);
        var (exit, output, _) = await ProgramRun.RunAsync("back again\n/rapport\n", null, "chat", "--db", db);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Does.Contain("3 messages from you"));
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
