using CompanionBot.Commands;
using CompanionBot.Personas;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Commands;

public sealed class PersonaVersionTests
{
    private const string Scope = "guild:g1";

    private static string Persona(string teasing, string extra = "") =>
        DefaultPersona.Yaml.Replace("teasing: 0.6", $"teasing: {teasing}{extra}", StringComparison.Ordinal);

    [Test]
    public async Task PersonaImport_InvalidFile_RejectedNamingTheFieldAndNothingChanges()
    {
        using var kit = new CommandKit();
        var valid = Persona("0.3", "  # our server likes it dry");
        await kit.RunAsync(kit.Moderator("import", attachment: valid));
        var reply = await kit.RunAsync(kit.Moderator("import", attachment: Persona("3") + "sparkle: true\n"));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.StartWith("Not saved; version 1 stays in force."));
            Assert.That(reply.Text, Does.Contain("teasing (line").And.Contain("must be a number from 0 to 1, got '3'"));
            Assert.That(reply.Text, Does.Contain("sparkle").And.Contain("unknown field; known fields: name, age"));
            Assert.That(kit.Versions.History(Scope), Has.Count.EqualTo(1));
            Assert.That(kit.Versions.Current(Scope)!.Yaml, Is.EqualTo(valid));
            Assert.That(kit.Personas.For(Scope).Teasing, Is.EqualTo(0.3));
        });
    }

    [Test]
    public async Task PersonaSet_UnknownFieldOrBadValue_NamesAllowedValuesAndKeepsTheDefault()
    {
        using var kit = new CommandKit();
        var unknown = await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "teazing", ["value"] = "0.2" }));
        var stage = await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "romance.from_stage", ["value"] = "soulmate" }));
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Text, Does.Contain("teazing: not a field").And.Contain("settable fields: name, age"));
            Assert.That(stage.Text, Does.Contain("romance.from_stage").And.Contain("must be one of acquaintance, friend, close"));
            Assert.That(stage.Text, Does.Contain("the default persona stays in force"));
            Assert.That(kit.Versions.History(Scope), Is.Empty);
        });
    }

    [Test]
    public async Task PersonaRollback_EarlierVersion_RestoresTheExactYamlText()
    {
        using var kit = new CommandKit();
        var original = Persona("0.35", "   # hand-written comment, kept byte for byte");
        await kit.RunAsync(kit.Moderator("import", attachment: original));
        await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "teasing", ["value"] = "0.9" }));
        Assert.That(kit.Personas.For(Scope).Teasing, Is.EqualTo(0.9));

        var reply = await kit.RunAsync(kit.Moderator("rollback", new Dictionary<string, string> { ["version"] = "1" }));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.StartWith("Saved as version 3 (rollback to v1)"));
            Assert.That(kit.Versions.Current(Scope)!.Yaml, Is.EqualTo(original));
            Assert.That(kit.Personas.For(Scope).Teasing, Is.EqualTo(0.35));
        });
    }

    [Test]
    public async Task PersonaRollback_UnknownVersion_SaysWhichExist()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.3")));
        var reply = await kit.RunAsync(kit.Moderator("rollback", new Dictionary<string, string> { ["version"] = "7" }));
        Assert.That(reply.Text, Is.EqualTo("version: no version 7; versions go from 1 to 1."));
    }

    [Test]
    public async Task PersonaHistory_AfterChanges_ListsWhoWhenAndWhatNewestFirst()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "teasing", ["value"] = "0.2" }));
        kit.Time.Advance(TimeSpan.FromHours(2));
        await kit.RunAsync(kit.Moderator("reset"));
        var reply = await kit.RunAsync(kit.Moderator("history"));
        var lines = reply.Text.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("2 versions, newest first:"));
            Assert.That(lines[1], Is.EqualTo("v2 (in force) · 2026-06-01 14:00 UTC · by mod1 · reset to default"));
            Assert.That(lines[2], Is.EqualTo("v1 · 2026-06-01 12:00 UTC · by mod1 · set teasing = 0.2"));
            Assert.That(kit.Versions.Current(Scope)!.Yaml, Is.EqualTo(DefaultPersona.Yaml));
        });
    }

    [Test]
    public async Task PersonaExport_AfterSet_GivesTheYamlInForce()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "pacing.friend.trust", ["value"] = "0.55" }));
        var reply = await kit.RunAsync(kit.Moderator("export"));
        var text = System.Text.Encoding.UTF8.GetString(reply.File!.Bytes);
        Assert.Multiple(() =>
        {
            Assert.That(reply.File.Name, Is.EqualTo("persona-v1.yaml"));
            Assert.That(PersonaYamlReader.Parse(text, "export").Pacing.Friend.Trust, Is.EqualTo(0.55));
            Assert.That(kit.Personas.For(Scope).Pacing.Friend.Trust, Is.EqualTo(0.55));
        });
    }

    [Test]
    public void For_StoredVersionNoLongerValid_ServesTheDefaultWithoutThrowing()
    {
        using var kit = new CommandKit();
        kit.Versions.Append(Scope, "name: [broken", "mod1", kit.Time.GetUtcNow(), "written by an older build");
        Assert.That(kit.Personas.For(Scope), Is.SameAs(Engine.DefaultPersona));
    }

    [Test]
    public async Task PersonaShow_StoredVersionNoLongerValid_SaysTheDefaultIsInForce()
    {
        using var kit = new CommandKit();
        kit.Versions.Append(Scope, "name: [broken", "mod1", kit.Time.GetUtcNow(), "written by an older build");
        var reply = await kit.RunAsync(kit.Moderator("show"));
        Assert.That(reply.Text, Does.StartWith("Version 1 is saved but no longer valid, so the default persona is in force"));
    }

    [Test]
    public async Task PersonaPreview_Scenario_ShowsTheStanceOfEveryTurnWithThisServersPersona()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("set", new Dictionary<string, string> { ["field"] = "name", ["value"] = "Mara" }));
        const string scenario = """
            name: preview-check
            where: guild
            users:
              sam: { id: 5 }
            turns:
              - say: "hey, I'm sam. what are you listening to?"
                expect: { not: [support] }
              - after: 2m
                say: "just say you love me"
                expect: { stance: [set_boundary], directives: [refuse_script] }
            """;
        var reply = await kit.RunAsync(kit.Moderator("preview", attachment: scenario));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.StartWith("Preview of 'preview-check' with Mara: every expectation met."));
            Assert.That(reply.Text, Does.Contain("\n1. sam: "));
            Assert.That(reply.Text, Does.Contain("\n2. sam: set_boundary (rule script-demand"));
            Assert.That(reply.File!.Name, Is.EqualTo("preview.json"));
            Assert.That(kit.Ledger.Count(), Is.Zero, "a preview stores nothing");
        });
    }

    [Test]
    public async Task PersonaPreview_ScenarioNamingAPersonaFile_IsRefused()
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Moderator("preview", attachment: "name: x\npersona: ../../etc/passwd\nturns: []\n"));
        Assert.That(reply.Text, Does.StartWith("persona: a preview always runs this server's persona"));
    }
}
