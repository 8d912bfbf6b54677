using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>/export in terminal chat writes beside the database and never replaces an earlier export.</summary>
public sealed class ChatExportTests
{
    [Test]
    public async Task Chat_ExportTwice_SecondFileGetsANewNameAndTheReplySaysSo()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi there\n/export\nand again\n/export\n", null, "chat", "--db", dir.File("c.db"));
        var first = dir.File("companionbot-export-dm.json");
        var second = dir.File("companionbot-export-dm-2.json");
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"Saved to {first} ("));
            Assert.That(output, Does.Contain($"Saved to {second} (").And.Contain("companionbot-export-dm.json was already there and is left as it was"));
            Assert.That(File.ReadAllText(first), Does.Contain("hi there").And.Not.Contain("and again"), "the first export is untouched");
            Assert.That(File.ReadAllText(second), Does.Contain("and again"));
        });
    }

    [Test]
    public async Task Chat_ExportWhenTheNameIsTaken_LeavesTheOtherFileByteForByte()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("companionbot-export-dm.json"), "an operator's file");
        File.WriteAllText(dir.File("companionbot-export-dm-2.json"), "another");
        var (_, output, _) = await ProgramRun.RunAsync("hi\n/export\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(dir.File("companionbot-export-dm.json")), Is.EqualTo("an operator's file"));
            Assert.That(File.ReadAllText(dir.File("companionbot-export-dm-2.json")), Is.EqualTo("another"));
            Assert.That(output, Does.Contain($"Saved to {dir.File("companionbot-export-dm-3.json")} ("));
        });
    }
}
