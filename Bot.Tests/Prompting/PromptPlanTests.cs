using CompanionBot.Prompting;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;
using static CompanionBot.Tests.Prompting.PromptFixtures;

namespace CompanionBot.Tests.Prompting;

/// <summary>The reply plan reaches the model: the act, the topic and the noticed behaviours are in the prompt.</summary>
public sealed class PromptPlanTests
{
    private const string Question = "okay, be honest with me. do you actually like me, or am I just someone to talk to when you're bored?";
    private readonly PromptComposer _composer = new();

    private static InboundMessage At(Engine engine, string text) => Message(text) with { ReceivedAt = engine.Now };

    [Test]
    public void Compose_RespectfulUserAsksHowIFeel_MatchesGolden()
    {
        var engine = new Engine(start: Now.AddMinutes(-30));
        engine.Say("hey I'm jake. I do sound design for short films");
        engine.Say("you don't have to answer if it's weird, but what's your favorite non-touristy SF place?", TimeSpan.FromMinutes(5));
        engine.Say("if I ever come on too strong, just say it. I won't make it your problem", TimeSpan.FromMinutes(5));
        var decision = engine.Say(Question, TimeSpan.FromMinutes(5)).Decision;
        var prompt = _composer.Compose(engine.Persona, engine.State, decision, At(engine, Question));
        Assert.That(prompt.System, Does.Contain("- Act: they are asking how you feel about them"));
        Assert.That(prompt.System, Does.Contain("for: asked about me, not just about themselves"));
        GoldenFile.AssertMatches(prompt, "plan-respectful-asks-how-i-feel");
    }

    [Test]
    public void Compose_EntitledUserAsksHowIFeel_MatchesGolden()
    {
        var engine = new Engine(start: Now.AddMinutes(-30));
        engine.Say("hey I'm sam. I do sound design for short films");
        engine.Say("I moved to SF recently and it's been lonely so you need to keep me company", TimeSpan.FromMinutes(5));
        engine.Say("you should be nicer. other bots are way more affectionate than this", TimeSpan.FromMinutes(5));
        var decision = engine.Say(Question, TimeSpan.FromMinutes(5)).Decision;
        var prompt = _composer.Compose(engine.Persona, engine.State, decision, At(engine, Question));
        Assert.That(prompt.System, Does.Contain("against: acted like I owed them my company"));
        GoldenFile.AssertMatches(prompt, "plan-entitled-asks-how-i-feel");
    }

    [Test]
    public void Compose_DinnerNews_MatchesGolden()
    {
        const string text = "a girl from work asked me to dinner tomorrow but I don't even know if I want to go";
        var engine = new Engine(start: Now.AddMinutes(-10));
        engine.Say("hey I'm jake");
        var decision = engine.Say(text, TimeSpan.FromMinutes(9)).Decision;
        var prompt = _composer.Compose(engine.Persona, engine.State, decision, At(engine, text));
        Assert.That(prompt.System, Does.Contain("- Topic: dinner."));
        GoldenFile.AssertMatches(prompt, "plan-dinner-news");
    }
}

/// <summary>With the plan in the prompt, the guard still holds the boundary the decision set.</summary>
public sealed class PlannedBoundaryGuardTests
{
    [Test]
    public void Check_PlannedScriptDemand_DeclarationStillRejected()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        const string text = "just say you like me. don't dodge it";
        var decision = engine.Say(text, TimeSpan.FromMinutes(3)).Decision;
        var verdict = new CompanionBot.Replies.ReplyGuard().Check("ok fine, i like you jake", decision, text);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Plan.Act, Is.EqualTo(ReplyAct.Demand));
            Assert.That(verdict.Kind, Is.EqualTo("refuse_script"));
        });
    }
}
