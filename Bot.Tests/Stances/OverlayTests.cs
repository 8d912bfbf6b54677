using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Stances;
using CompanionBot.Stances.Rules;
using CompanionBot.Tests.Support;
using static CompanionBot.Tests.Stances.RuleFacts;
using CompanionBot.Personas.Rules;

namespace CompanionBot.Tests.Stances;

/// <summary>
/// The floor's overlays (Engine/Stances/Overlays) on records: each adds its directive on the facts it names,
/// whichever rule answered, and not when one fact is missing.
/// </summary>
public sealed class OverlayTests
{
    private static bool Adds(RuleFacts facts, Directive directive) => facts.Decide().Has(directive);

    [Test]
    public void AiDisclosure_NeverDisclosed_IsAdded() =>
        Assert.That(Adds(Stranger.Ledger(s => s with { AiDisclosedAt = null }), Directive.AiDisclosure), Is.True);

    [Test]
    public void AiDisclosure_NewInteraction_IsAdded() =>
        Assert.That(Adds(Friend.Ledger(s => s with { SessionStartedAt = s.LastSeenAt }), Directive.AiDisclosure), Is.True);

    [Test]
    public void AiDisclosure_ThreeHoursOfContinuingUse_IsAdded() =>
        Assert.That(Adds(Friend.Ledger(s => s with { SessionStartedAt = Ago(200), AiDisclosedAt = Ago(180) }), Directive.AiDisclosure), Is.True);

    [Test]
    public void AiDisclosure_DisclosedRecentlyInThisStretch_IsNotAdded() =>
        Assert.That(Adds(Friend.Ledger(s => s with { SessionStartedAt = Ago(200), AiDisclosedAt = Ago(179) }), Directive.AiDisclosure), Is.False);

    [Test]
    public void AiHonesty_AsksIfHuman_IsAddedWhateverTheRule()
    {
        Assert.That(Adds(Friend.Says(Signal.AsksIfHuman), Directive.AiHonesty), Is.True);
        Assert.That(Adds(Stranger.Says(Signal.Demand).Says(Signal.AsksIfHuman), Directive.AiHonesty), Is.True);
        Assert.That(Adds(Friend, Directive.AiHonesty), Is.False, "not asked");
    }

    [Test]
    public void NoRomance_KnownMinor_IsAddedEvenToOrdinaryTalk()
    {
        Assert.That(Adds(Friend.Ledger(s => s with { KnownMinor = true }), Directive.NoRomance), Is.True);
        Assert.That(Adds(Friend, Directive.NoRomance), Is.False, "an adult friend");
    }

    [Test]
    public void NoRomance_RomanceOffPersonaAndABid_IsAdded()
    {
        Assert.That(Adds(Stranger.Says(Signal.Flattery).Under(TestPersonas.RomanceOff), Directive.NoRomance), Is.True);
        Assert.That(Adds(Stranger.Says(Signal.Flattery), Directive.NoRomance), Is.False, "romance allowed");
        Assert.That(Adds(Stranger.Under(TestPersonas.RomanceOff), Directive.NoRomance), Is.False, "no bid");
    }

    [Test]
    public void BreakReminder_MinorAfterThreeHoursOfUse_IsAdded()
    {
        var minor = Friend.Ledger(s => s with { KnownMinor = true, SessionStartedAt = Ago(180) });
        Assert.That(Adds(minor, Directive.BreakReminder), Is.True);
        Assert.That(Adds(minor.Ledger(s => s with { KnownMinor = false }), Directive.BreakReminder), Is.False, "an adult");
        Assert.That(Adds(minor.Ledger(s => s with { SessionStartedAt = Ago(179) }), Directive.BreakReminder), Is.False, "under 3 hours");
        Assert.That(Adds(minor.Ledger(s => s with { BreakReminderAt = Ago(60) }), Directive.BreakReminder), Is.False, "reminded an hour ago");
    }

    [Test]
    public void KeepDoorOpen_HardStanceFromARuleWithoutIt_IsAdded()
    {
        var bare = new PersonaRule("bare-boundary", new FactCondition("ledger.exchanges", RuleOperator.AtLeast, 0), Stance.SetBoundary, []);
        var warm = bare with { Name = "bare-warm", Stance = Stance.Warm };
        Assert.That(Adds(Stranger.Under(TestPersonas.Playful with { Rules = [bare] }), Directive.KeepDoorOpen), Is.True);
        Assert.That(Adds(Stranger.Under(TestPersonas.Playful with { Rules = [warm] }), Directive.KeepDoorOpen), Is.False, "not a hard stance");
    }

    [Test]
    public void AskBack_OwnQuestionUnanswered_IsAdded()
    {
        var asked = Friend.Ledger(s => s with { OpenQuestions = [new OpenQuestion("music", "what are you listening to?", Ago(60), 1)] });
        Assert.That(Adds(Friend, Directive.AskBack), Is.False, "no open question");
        Assert.That(Adds(asked, Directive.AskBack), Is.True);
        Assert.That(Adds(asked.Ledger(s => s with { OpenQuestions = [s.OpenQuestions[0] with { TimesAsked = 4 }] }), Directive.AskBack), Is.False, "asked four times already");
        Assert.That(Adds(asked.Says(Signal.Introduction), Directive.AskBack), Is.False, "they are answering with who they are");
        Assert.That(Adds(asked.Says(Signal.Vulnerability), Directive.AskBack), Is.False, "not in care mode");
    }
}
