using System.Text.Json;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Scenarios;

/// <summary>The README's examples work from a lone clone: the scenarios and the eval example live in the repository.</summary>
public sealed class RepoScenarioTests
{
    [Test]
    public async Task Replay_RepositoryScenarios_AllPassWithActAndNoticedExpectations()
    {
        var (exit, output, error) = await ProgramRun.RunAsync("", null, "replay", SharedFiles.Repo("scenarios"), "--json");
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output + error);
            Assert.That(names, Does.Contain("too-fast-voice").And.Contain("honest-answers").And.Contain("too-fast"));
            Assert.That(names, Has.Count.GreaterThanOrEqualTo(10));
        });
    }

    [Test]
    public async Task Replay_WrongActExpectation_FailsNamingTheAct()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wrong-act.yaml");
        await File.WriteAllTextAsync(path, """
            name: wrong-act
            turns:
              - say: "a girl from work asked me to dinner tomorrow"
                expect: { act: [apology], noticed: [asked_about_me], topic: dinner }
            """);
        var (exit, output, _) = await ProgramRun.RunAsync("", null, "replay", path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(output, Does.Contain("act news not in [apology]"));
            Assert.That(output, Does.Contain("noticed asked_about_me missing"));
            Assert.That(output, Does.Not.Contain("topic"), "the topic expectation holds");
        });
    }

    [Test]
    public async Task Replay_UnknownNoticedName_InvalidFileNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.yaml");
        await File.WriteAllTextAsync(path, "name: bad\nturns:\n  - say: hi\n    expect: { noticed: [was_lovely] }\n");
        var (exit, _, error) = await ProgramRun.RunAsync("", null, "replay", path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain("bad.yaml:4").And.Contain("unknown noticed value 'was_lovely'"));
        });
    }

    [Test]
    public async Task Eval_RepositoryExample_RunsEveryPrompt()
    {
        var (exit, output, error) = await ProgramRun.RunAsync("", null, "eval", SharedFiles.Repo("eval/prompts.example.jsonl"), "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("example-10"));
        });
    }
}
