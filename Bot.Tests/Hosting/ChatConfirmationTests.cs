using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>After a confirmation prompt in terminal chat, the obvious answers answer it; anything else is chat.</summary>
public sealed class ChatConfirmationTests
{
    [TestCase("yes")]
    [TestCase("y")]
    [TestCase("confirm")]
    [TestCase("ok")]
    [TestCase("Yes!")]
    [TestCase("do it")]
    public async Task Chat_ForgetThenYesWord_Deletes(string answer)
    {
        using var dir = new TempDirectory();
        var (exit, output, _) = await ProgramRun.RunAsync($"hi there\n/forget\n{answer}\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Does.Contain("Deleted everything stored about you in our DMs"));
            Assert.That(output, Does.Contain("haven't talked yet"));
            Assert.That(Replies(output), Is.EqualTo(1), "the answer was not taken as chat");
        });
    }

    [TestCase("no")]
    [TestCase("cancel")]
    [TestCase("never mind")]
    public async Task Chat_ForgetThenNoWord_CancelsAndKeepsEverything(string answer)
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync($"hi there\n/forget\n{answer}\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Cancelled; nothing was changed."));
            Assert.That(output, Does.Not.Contain("Deleted everything"));
            Assert.That(output, Does.Contain("1 message from you"));
            Assert.That(Replies(output), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Chat_ForgetThenChatThenYes_PromptLapsedSoNothingIsDeleted()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi there\n/forget\nwait what does that mean\nyes\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Not.Contain("Deleted everything"));
            Assert.That(Replies(output), Is.EqualTo(3), "both lines after the prompt were chat");
            Assert.That(output, Does.Contain("3 messages from you"));
        });
    }

    [Test]
    public async Task Chat_ResetThenOk_StartsOver()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi\nhow are you?\n/reset\nok\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Type yes (or /reset confirm) to go ahead"));
            Assert.That(output, Does.Contain("we're strangers again"));
            Assert.That(output, Does.Contain("haven't talked yet"));
        });
    }

    [Test]
    public async Task Chat_YesWithoutAPrompt_IsChat()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi there\nyes\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(Replies(output), Is.EqualTo(2));
        Assert.That(output, Does.Contain("2 messages from you"));
    }

    private static int Replies(string output) =>
        output.Split('\n').Count(l => l.StartsWith("Ella (offline voice):", StringComparison.Ordinal));
}
