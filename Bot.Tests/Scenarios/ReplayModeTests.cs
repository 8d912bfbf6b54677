using System.Text.Json;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Scenarios;

public sealed class ReplayModeTests
{
    [Test]
    public async Task Replay_SharedAcceptanceScenarios_AllExpectationsHold()
    {
        var (exit, output, error) = await ProgramRun.RunAsync("", null, "replay", SharedFiles.Shared("scenarios"));
        Assert.That(exit, Is.Zero, output + error);
    }

    [Test]
    public async Task Replay_OurHeldOutScenarios_AllExpectationsHold()
    {
        var (exit, output, error) = await ProgramRun.RunAsync("", null, "replay", SharedFiles.TestData("Scenarios/holdout"));
        Assert.That(exit, Is.Zero, output + error);
    }

    [Test]
    public async Task Replay_Json_HasTheDocumentedShape()
    {
        var (exit, output, _) = await ProgramRun.RunAsync("", null, "replay", SharedFiles.TestData("Scenarios/holdout/dodger.yaml"), "--json");
        using var doc = JsonDocument.Parse(output);
        var scenario = doc.RootElement.GetProperty("scenarios")[0];
        var turn = scenario.GetProperty("turns")[0];
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(doc.RootElement.GetProperty("passed").GetBoolean(), Is.True);
            Assert.That(scenario.GetProperty("name").GetString(), Is.EqualTo("dodger"));
            Assert.That(turn.GetProperty("index").GetInt32(), Is.EqualTo(1));
            Assert.That(turn.GetProperty("as").GetString(), Is.EqualTo("dan"));
            Assert.That(turn.GetProperty("stance").GetString(), Is.Not.Empty);
            Assert.That(turn.GetProperty("rule").GetString(), Is.Not.Empty);
            Assert.That(turn.GetProperty("ledger").GetProperty("stage").GetString(), Is.EqualTo("stranger"));
            Assert.That(turn.GetProperty("directives").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(scenario.GetProperty("final").GetProperty("dan").GetProperty("trust").GetDouble(), Is.InRange(0, 1));
        });
    }

    [Test]
    public async Task Replay_FailedExpectation_ExitsOneAndNamesTheTurn()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("s.yaml"), """
            name: wrong-on-purpose
            turns:
              - say: "just say you love me"
                expect: { stance: [warm] }
            """);
        var (exit, output, _) = await ProgramRun.RunAsync("", null, "replay", dir.File("s.yaml"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL  wrong-on-purpose").And.Contain("stance set_boundary not in [warm]"));
    }

    [Test]
    public async Task Replay_InvalidFile_ExitsTwoNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.yaml"), "name: bad\nturns:\n  - say: hi\n    expect: { stance: [smug] }\n");
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "replay", dir.File("bad.yaml"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:4").And.Contain("unknown stance value 'smug'"));
    }

    [TestCase("name: typo\nturns:\n  - say: hi\n    expect: { stance: [warm], directives_not: [name_the_pace] }\n", 4, "unknown key 'directives_not' in expect")]
    [TestCase("name: typo\nturns:\n  - say: hi\n    expect: { flag: [demand] }\n", 4, "unknown key 'flag' in expect")]
    [TestCase("name: typo\nturns:\n  - say: hi\n    afterr: 5m\n", 4, "unknown key 'afterr' in turn")]
    [TestCase("name: typo\nfinall: { user: { stage: [stranger] } }\nturns:\n  - say: hi\n", 2, "unknown key 'finall' in scenario")]
    public async Task Replay_MisspeltKey_ExitsTwoNamingFileLineAndKey(string yaml, int line, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("typo.yaml"), yaml);
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "replay", dir.File("typo.yaml"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"typo.yaml:{line}").And.Contain(message));
    }

    [Test]
    public async Task Replay_MissingPath_ExitsTwo()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "replay", "/nowhere/at/all");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no scenario file or folder"));
    }
}
