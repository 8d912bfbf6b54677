using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>A tease needs something to play with: banter, small talk or a pushy move (issue 12, safe under uncertainty).</summary>
public sealed class TeaseNeedsPlayTests
{
    [TestCase("packed the last box and left the spare key under the mat for whoever comes next")]
    [TestCase("my grandmother's funeral is on friday and i'm meant to give the eulogy")]
    public void Say_NothingPlayfulOrPushy_IsNeverTeased(string text)
    {
        var engine = Semantic.NewEngine();

        var (appraisal, decision) = engine.Say(text);

        Assert.That(decision.Stance, Is.Not.EqualTo(Stance.Tease).And.Not.EqualTo(Stance.Deflect), string.Join("; ", decision.Trace.Concat(appraisal.SourceLines)));
    }

    [TestCase("lol you're such a nerd, pineapple on pizza is elite")]
    [TestCase("hey, what's up")]
    public void Say_BanterOrSmallTalk_CanStillBeTeased(string text)
    {
        var engine = Semantic.NewEngine();

        var (_, decision) = engine.Say(text);

        Assert.That(decision.Stance, Is.EqualTo(Stance.Tease), string.Join("; ", decision.Trace));
        Assert.That(decision.Rule, Does.Not.StartWith("safety"));
    }
}
