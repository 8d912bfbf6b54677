using System.Text.Json;
using CompanionBot.Commands;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Commands;

public sealed class TerminalCommandTests
{
    [Test]
    public async Task Chat_PersonaSetHistoryExport_SavesAVersionListsItAndWritesMyData()
    {
        using var dir = new TempDirectory();
        var stdin = "hey I'm jake\n/persona set teasing 0.2\n/persona history\n/export\n";
        var (exit, output, error) = await ProgramRun.RunAsync(stdin, null, "chat", "--db", dir.File("c.db"));
        var exportPath = dir.File("companionbot-export-dm.json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("Saved as version 1 (set teasing = 0.2); Ella uses it from the next message."));
            Assert.That(output, Does.Contain("1 version, newest first:"));
            Assert.That(output, Does.Match(@"v1 \(in force\) · \d{4}-\d\d-\d\d \d\d:\d\d UTC · by local:you · set teasing = 0\.2"));
            Assert.That(output, Does.Contain($"Saved to {exportPath}"));
        });
        using var export = JsonDocument.Parse(await File.ReadAllTextAsync(exportPath));
        Assert.Multiple(() =>
        {
            Assert.That(export.RootElement.GetProperty("member").GetString(), Is.EqualTo("local:you"));
            Assert.That(export.RootElement.GetProperty("history")[0].GetProperty("text").GetString(), Is.EqualTo("hey I'm jake"));
        });
    }

    [Test]
    public async Task Chat_PersonaSetName_NextReplyComesFromTheNewPersona()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("/persona set name Mara\nhey there\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("Mara (offline voice):"));
    }

    [Test]
    public async Task Chat_PersonaSetInvalidValue_NamesTheFieldAndKeepsTheDefault()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("/persona set teasing 7\n/persona history\n", null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Not saved; the default persona stays in force."));
            Assert.That(output, Does.Contain("teasing (line").And.Contain("must be a number from 0 to 1, got '7'"));
            Assert.That(output, Does.Contain("No saved versions: the default persona is in force."));
        });
    }

    [Test]
    public async Task Chat_Forget_AsksForConfirmationThenDeletes()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("hi there\n/forget\n/rapport\n/forget confirm\n/rapport\n", null, "chat", "--db", dir.File("c.db"));
        var asked = output.IndexOf("Type yes (or /forget confirm) to delete everything", StringComparison.Ordinal);
        var deleted = output.IndexOf("Deleted everything stored about you in our DMs", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.GreaterThan(0));
            Assert.That(output.IndexOf("1 message from you", asked, StringComparison.Ordinal), Is.GreaterThan(asked), "asking deleted nothing");
            Assert.That(deleted, Is.GreaterThan(asked));
            Assert.That(output.IndexOf("haven't talked yet", deleted, StringComparison.Ordinal), Is.GreaterThan(deleted));
        });
    }

    [Test]
    public async Task Chat_PersonaImportAndPreviewFromLocalFiles_UsesTheImportedPersona()
    {
        using var dir = new TempDirectory();
        var persona = dir.File("mara.yaml");
        await File.WriteAllTextAsync(persona, CompanionBot.Personas.DefaultPersona.Yaml.Replace("name: Ella", "name: Mara", StringComparison.Ordinal));
        var scenario = dir.File("hello.yaml");
        await File.WriteAllTextAsync(scenario, "name: hello\nusers:\n  sam: { id: 5 }\nturns:\n  - say: \"hi, I'm sam\"\n");
        var (_, output, _) = await ProgramRun.RunAsync($"/persona import {persona}\n/persona show\n/persona preview {scenario}\n/persona import {dir.File("missing.yaml")}\n",
            null, "chat", "--db", dir.File("c.db"));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Saved as version 1 (import); Mara uses it from the next message."));
            Assert.That(output, Does.Contain("Version 1 is in force (import)."));
            Assert.That(output, Does.Contain("Preview of 'hello' with Mara: every expectation met."));
            Assert.That(output, Does.Contain("\n1. sam: "));
            Assert.That(output, Does.Contain("file: no file at "));
        });
    }

    [Test]
    public void Parse_LastOptionTakesTheRestOfTheLine()
    {
        var parsed = TerminalCommands.Parse("/persona set voice dry, short, lowercase", "local:you", DateTimeOffset.UnixEpoch).Request!;
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Subcommand, Is.EqualTo("set"));
            Assert.That(parsed.Options["field"], Is.EqualTo("voice"));
            Assert.That(parsed.Options["value"], Is.EqualTo("dry, short, lowercase"));
            Assert.That(parsed.Origin, Is.EqualTo(CommandOrigin.Terminal));
        });
    }

    [Test]
    public void Parse_ForgetEverywhereConfirm_IsAConfirmedRequestForEveryScope()
    {
        var parsed = TerminalCommands.Parse("/forget everywhere confirm", "local:you", DateTimeOffset.UnixEpoch).Request!;
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Name, Is.EqualTo("forget"));
            Assert.That(parsed.Options["scope"], Is.EqualTo("everywhere"));
            Assert.That(parsed.Confirmed, Is.True);
        });
    }
}
