using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>A stray argument or an unknown option is an error naming it, with the usage, and exit code 2.</summary>
public sealed class ChatArgumentTests
{
    [TestCase(new[] { "chat", "extra" }, "error: unexpected argument 'extra' (chat takes no arguments)")]
    [TestCase(new[] { "chat", "--bogus" }, "error: unknown option --bogus for chat")]
    [TestCase(new[] { "chat", "--bogus", "--user", "sam" }, "error: unknown option --bogus for chat")]
    [TestCase(new[] { "chat", "--user" }, "error: option --user needs a value")]
    [TestCase(new[] { "chat", "--user", "--db", "x.db" }, "error: option --user needs a value")]
    [TestCase(new[] { "discord", "now" }, "error: unexpected argument 'now' (discord takes no arguments)")]
    public async Task Chat_BadArguments_NamesTheProblemWithUsageAndExitsTwo(string[] args, string expected)
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = await ProgramRun.RunAsync("hello\n", new Dictionary<string, string?> { ["Storage:DatabasePath"] = dir.File("c.db") }, args);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.Split('\n')[0], Is.EqualTo(expected));
            Assert.That(error, Does.Contain("usage: CompanionBot"));
            Assert.That(output, Does.Not.Contain("Ella"), "no chat ran");
        });
    }

    [Test]
    public async Task Chat_OptionWithEqualsSign_IsAccepted()
    {
        using var dir = new TempDirectory();
        var (exit, output, _) = await ProgramRun.RunAsync("hello\n", null, "chat", "--user=sam", $"--db={dir.File("c.db")}");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("Ella"));
    }
}
