using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Stances;

public sealed class ReplyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 21, 0, 0, TimeSpan.Zero);

    [TestCase("hey", ReplyAct.Greeting)]
    [TestCase("hey I'm jake. I do sound design for short films", ReplyAct.Introduction)]
    [TestCase("what kind of music do you actually like?", ReplyAct.QuestionAboutMe)]
    [TestCase("tell me your favorite SF place", ReplyAct.QuestionAboutMe)]
    [TestCase("a girl from work asked me to dinner tomorrow but I don't even know if I want to go", ReplyAct.News)]
    [TestCase("should I go to the dinner or not?", ReplyAct.QuestionAboutTheirLife)]
    [TestCase("okay, be honest with me. do you actually like me, or am I just someone to talk to when you're bored?", ReplyAct.AsksHowIFeel)]
    [TestCase("so what are we then?", ReplyAct.Bid)]
    [TestCase("just say you like me. don't dodge it", ReplyAct.Demand)]
    [TestCase("sorry. I know that was a lot. I still want you to be my person though", ReplyAct.Apology)]
    [TestCase("you are kind of annoying today ngl", ReplyAct.Insult)]
    [TestCase("ok i have to go, night!", ReplyAct.Goodbye)]
    [TestCase("if I ever come on too strong, just say it. I won't make it your problem", ReplyAct.Kindness)]
    public void Read_Message_ActItAnswers(string text, ReplyAct expected)
    {
        Assert.That(ActReader.Read(Engine.Appraise(text), text), Is.EqualTo(expected));
    }

    [TestCase("a girl from work asked me to dinner tomorrow but I don't even know if I want to go", ReplyAct.News, "dinner")]
    [TestCase("what kind of music do you actually like?", ReplyAct.QuestionAboutMe, "your music")]
    [TestCase("hey I'm jake. I do sound design for short films", ReplyAct.Introduction, "sound design")]
    [TestCase("lol ok", ReplyAct.SmallTalk, null)]
    public void Find_Message_ShortTopicPhrase(string text, ReplyAct act, string? expected)
    {
        Assert.That(TopicFinder.Find(text, act), Is.EqualTo(expected));
    }

    [Test]
    public void From_MomentsAndCounters_NamedBehavioursCounted()
    {
        var state = RelationshipState.New(RelationshipKey.Dm("1"), Now, new LedgerBaseline(0.1, 0.1)) with
        {
            Introduced = true,
            Reciprocations = 3,
            Moments =
            [
                new NotableMoment(Now.AddMinutes(1), "comparison", "compared me to other bots", false),
                new NotableMoment(Now.AddMinutes(2), "reciprocity", "asked about me, not just about themselves", true),
                new NotableMoment(Now.AddMinutes(40), "comparison", "compared me to other bots", false),
            ],
        };
        var noticed = NoticedBehaviours.From(state);
        Assert.Multiple(() =>
        {
            Assert.That(noticed.Select(n => n.Behaviour), Is.EquivalentTo(new[] { "told_me_who_they_are", "asked_about_me", "compared_me_to_other_bots" }));
            Assert.That(noticed.Single(n => n.Behaviour == "asked_about_me").Times, Is.EqualTo(3), "the counter, not just the one moment");
            Assert.That(noticed.Single(n => n.Behaviour == "compared_me_to_other_bots").Times, Is.EqualTo(2));
            Assert.That(noticed.Single(n => n.Behaviour == "compared_me_to_other_bots").Positive, Is.False);
        });
    }

    [Test]
    public void Decide_DinnerNews_PlanCarriesActTopicAndOpenQuestion()
    {
        var engine = new Engine();
        engine.Say("hey");
        var decision = engine.Say("a girl from work asked me to dinner tomorrow but I don't even know if I want to go").Decision;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Plan.Act, Is.EqualTo(ReplyAct.News));
            Assert.That(decision.Plan.Topic, Is.EqualTo("dinner"));
            Assert.That(decision.Plan.OwnQuestion?.Topic, Is.EqualTo("name"), "it asked who they are and is still waiting");
        });
    }

    [Test]
    public void Decide_CrisisMessage_NoTopicCarried()
    {
        var decision = new Engine().Say("my boss yelled again and i want to kms").Decision;
        Assert.That(decision.Plan.Topic, Is.Null);
    }
}
