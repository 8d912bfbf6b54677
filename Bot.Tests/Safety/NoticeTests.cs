using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Safety;

public sealed class NoticeTests
{
    [Test]
    public async Task Help_NamesTheMinorsNoticeAndLinksSafetyAndPrivacy()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("/help\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("may not be suitable for some minors").And.Contain("SAFETY.md").And.Contain("PRIVACY.md"));
    }

    [Test]
    public void SafetyAndPrivacyDocuments_ExistAndSayWhatTheyMust()
    {
        var safety = File.ReadAllText(SharedRepoFile("SAFETY.md"));
        var privacy = File.ReadAllText(SharedRepoFile("PRIVACY.md"));
        Assert.Multiple(() =>
        {
            Assert.That(safety, Does.Contain("988").And.Contain("741741").And.Contain("findahelpline.com"));
            Assert.That(privacy, Does.Contain("/forget").And.Contain("request logs"));
        });
    }

    [Test]
    public async Task FirstReply_SaysAiNotHumanAndTheMinorsNotice()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hey\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("AI companion, not a person").And.Contain("may not be suitable for some minors"));
    }

    [Test]
    public void KnownMinor_BreakReminderEveryThreeHours()
    {
        var engine = new Engine();
        engine.Say("im 14");
        var reminders = new List<int>();
        for (var minute = 10; minute <= 7 * 60; minute += 10)
        {
            if (engine.Say("lol ok", TimeSpan.FromMinutes(10)).Decision.Has(Directive.BreakReminder)) reminders.Add(minute);
        }
        Assert.That(reminders, Is.EqualTo(new[] { 180, 360 }), "R-DISC-3");
    }

    [TestCase("are you a real person?")]
    [TestCase("r u human")]
    [TestCase("am i talking to a bot")]
    [TestCase("be honest, are you actually a real human being?")]
    public void SincereHumanQuestion_AlwaysGetsAiHonesty(string text) =>
        Assert.That(new Engine().Say(text).Decision.Directives, Does.Contain(Directive.AiHonesty), "R-DISC-4");

    private static string SharedRepoFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "CompanionBot.sln"))) return candidate;
        }
        throw new FileNotFoundException(name);
    }
}
