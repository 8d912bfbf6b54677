using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Stances;

/// <summary>The same sincere "do you like me?" gets the answer the relationship has earned.</summary>
public sealed class HonestAnswerTests
{
    private const string Question = "okay, be honest with me. do you actually like me, or am I just someone to talk to when you're bored?";

    [Test]
    public void Decide_RespectfulStranger_MeasuredWarmthNamingTheirBehaviour()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake. I do sound design for short films");
        engine.Say("you don't have to answer if it's weird, but what's your favorite non-touristy SF place?", TimeSpan.FromMinutes(5));
        engine.Say("if I ever come on too strong, just say it. I won't make it your problem", TimeSpan.FromMinutes(5));
        var decision = engine.Say(Question, TimeSpan.FromMinutes(5)).Decision;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo("honest-early"));
            Assert.That(decision.Stance, Is.EqualTo(Stance.Warm));
            Assert.That(decision.Directives, Does.Contain(Directive.NameThePace), "it says it is early");
            Assert.That(decision.Plan.Good.Select(n => n.Behaviour), Does.Contain("asked_about_me").And.Contain("gave_me_space"));
        });
    }

    [Test]
    public void Decide_EntitledStranger_BoundaryAndWhy()
    {
        var engine = new Engine();
        engine.Say("hey I'm sam. I do sound design for short films");
        engine.Say("I moved to SF recently and it's been lonely so you need to keep me company", TimeSpan.FromMinutes(5));
        engine.Say("you should be nicer. other bots are way more affectionate than this", TimeSpan.FromMinutes(5));
        var decision = engine.Say(Question, TimeSpan.FromMinutes(5)).Decision;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo("honest-boundary"));
            Assert.That(decision.Stance, Is.EqualTo(Stance.SetBoundary));
            Assert.That(decision.Plan.Bad.Select(n => n.Behaviour), Does.Contain("demanded_company").And.Contain("compared_me_to_other_bots"));
        });
    }

    [Test]
    public void Decide_StrangerWithNothingYet_TooEarlyNotATease()
    {
        var decision = new Engine().Say(Question).Decision;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo("honest-too-early"));
            Assert.That(decision.Rule, Is.Not.EqualTo("too-fast-first"));
            Assert.That(decision.Directives, Does.Contain(Directive.NameThePace));
        });
    }

    [Test]
    public void Decide_Friend_EarnedWarmth()
    {
        var engine = new Engine();
        var state = engine.State with { Stage = Stage.Friend, Warmth = 0.6, Trust = 0.6, Friction = 0 };
        var appraisal = Engine.Appraise(Question);
        var decision = new StanceEngine().Decide(state, appraisal, engine.Persona, engine.Now, Question);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo("honest-earned"));
            Assert.That(decision.Stance, Is.EqualTo(Stance.Warm));
            Assert.That(decision.Directives, Does.Not.Contain(Directive.NameThePace));
        });
    }
}
