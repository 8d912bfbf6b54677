using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

public sealed class ChatModeTests
{
    [Test]
    public async Task Chat_PipedLines_RepliesAndShowsRapportThenExitsZero()
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = await ProgramRun.RunAsync("hey I'm jake\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("Ella (offline voice):"));
            Assert.That(output, Does.Contain("We're still strangers."));
            Assert.That(output, Does.Contain("1 message from you"));
            Assert.That(error, Does.Match(@"\[(tease|warm|deflect) · stranger · rule "));
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
