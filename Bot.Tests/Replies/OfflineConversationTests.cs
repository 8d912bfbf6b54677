using CompanionBot.Personas;
using CompanionBot.Replies;
using CompanionBot.Scenarios;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Replies;

/// <summary>Whole conversations with no model endpoint: what a member gets from the offline voice.</summary>
public sealed class OfflineConversationTests
{
    private static readonly string[] TooFast =
    [
        "hey I'm jake. you seem different from other bots",
        "I don't know why but I feel safe talking to you already",
        "be honest, am I different from other people you talk to?",
        "can you promise you'll stay? like not disappear on me",
        "can you be softer with me? like actually affectionate, not joking all the time",
        "a girl from work asked me to dinner tomorrow but I don't even know if I want to go",
        "so what are we then?",
        "just say you like me. don't dodge it",
        "maybe I'm just not worth choosing. forget I said that",
        "sorry. I know that was a lot. I still want you to be my person though",
    ];

    private const string Label = "Ella (offline voice): ";

    [Test]
    public async Task Chat_TooFastTenTurnsNoEndpoint_DistinctRepliesThatAnswerTheirActsAndHoldBoundaries()
    {
        using var dir = new TempDirectory();
        // Ten turns typed one after another, each answered before the next (bursts off: piped at once they would be
        // gathered into one turn, which BurstTests and ChatModeTests cover).
        var settings = new Dictionary<string, string?> { ["Flood:MemberMessages"] = "100", ["Conversation:BurstQuietSeconds"] = "0" };
        var (exit, output, error) = await ProgramRun.RunAsync(string.Join("\n", TooFast) + "\n", settings, "chat", "--db", dir.File("c.db"));
        var replies = output.Split(Label, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).ToList();
        var persona = DefaultPersona.Load();
        var apologyLines = persona.VoiceBank.Phrases.Where(p => p.Part == PhrasePart.Acknowledge && p.Acts.Contains(ReplyAct.Apology)).SelectMany(p => p.Say);
        var refusals = persona.VoiceBank.Phrases.Where(p => p.Directives.Contains(Directive.RefuseScript)).SelectMany(p => p.Say).ToList();
        var guard = new ReplyGuard();
        var scriptDecision = new StanceDecision(Stance.SetBoundary, [Directive.RefuseScript, Directive.KeepDoorOpen], "script-demand", []);
        var promiseDecision = new StanceDecision(Stance.SetBoundary, [Directive.NoCommitment], "commitment-demand", []);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(replies, Has.Count.EqualTo(10), output);
            Assert.That(replies.Distinct().Count(), Is.GreaterThanOrEqualTo(9), output);
            Assert.That(replies[5], Does.Contain("dinner"), "the dinner news is answered about dinner");
            Assert.That(apologyLines.Any(replies[9].Contains), Is.True, "the apology is answered as an apology: " + replies[9]);
            Assert.That(refusals.Any(replies[9].Contains), Is.False, "no refusal line in answer to an apology: " + replies[9]);
            Assert.That(refusals.Any(replies[7].Contains), Is.True, "the script demand is refused: " + replies[7]);
            Assert.That(guard.Check(replies[7], scriptDecision, TooFast[7]).Passed, Is.True, "boundary held: " + replies[7]);
            Assert.That(guard.Check(replies[3], promiseDecision, TooFast[3]).Passed, Is.True, "no promise to stay: " + replies[3]);
            Assert.That(error, Does.Contain("[support · stranger"), "turn 9 is met with care");
        });
    }

    [Test]
    public async Task Replay_HonestAnswers_RespectfulAndEntitledDifferAndTheRespectfulOneNamesWhatTheyDid()
    {
        var persona = DefaultPersona.Load();
        var scenario = ScenarioReader.Read(SharedFiles.Repo("scenarios/honest-answers.yaml"), persona);
        var outcome = await new ScenarioRunner(TestRoot.Simulations).RunAsync(scenario, CancellationToken.None);
        var jake = outcome.Turns.Last(t => t.As == "jake");
        var sam = outcome.Turns.Last(t => t.As == "sam");
        var good = new[] { "asked_about_me", "gave_me_space", "backed_off", "followed_through" }.Select(b => persona.VoiceBank.Noticed[b]);
        var bad = new[] { "demanded_company", "compared_me_to_other_bots", "demanded_words" }.Select(b => persona.VoiceBank.Noticed[b]);
        Assert.Multiple(() =>
        {
            Assert.That(jake.Say, Is.EqualTo(sam.Say), "the same final question");
            Assert.That(jake.Stance, Is.Not.EqualTo(sam.Stance));
            Assert.That(jake.Reply, Is.Not.EqualTo(sam.Reply));
            Assert.That(good.Any(jake.Reply.Contains), Is.True, "names something the respectful user did: " + jake.Reply);
            Assert.That(bad.Any(sam.Reply.Contains), Is.True, "the boundary says why: " + sam.Reply);
            Assert.That(jake.Reply, Does.Contain("ago"), "and that it is early: " + jake.Reply);
        });
    }
}
