using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Ledger;

/// <summary>
/// The ledger's arithmetic on records: appraisals built from signals and strengths, ledgers written directly, no
/// text. Warmth is earned only by behaviour, friction fades with a half-life, an apology repairs part of it, and a
/// stage needs both time and quality.
/// </summary>
public sealed class LedgerArithmeticTests
{
    private static readonly DateTimeOffset Now = Relationships.Now;
    private static readonly PersonaConfig Persona = TestPersonas.Playful;
    private static readonly RelationshipLedger Ledger = new();

    private static RelationshipState Apply(RelationshipState before, MessageAppraisal appraisal, PersonaConfig? persona = null) =>
        Ledger.Apply(before, appraisal, persona ?? Persona, Now).After;

    /// <summary>A stranger last seen a minute ago, in the same conversation.</summary>
    private static RelationshipState Stranger => Relationships.Stranger() with { LastSeenAt = Now - TimeSpan.FromMinutes(1) };

    [Test]
    public void Apply_NeutralMessage_MovesOnlyFamiliarity()
    {
        var after = Apply(Stranger, MessageAppraisal.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(after.Warmth, Is.EqualTo(Stranger.Warmth));
            Assert.That(after.Trust, Is.EqualTo(Stranger.Trust));
            Assert.That(after.Friction, Is.EqualTo(0));
            Assert.That(after.Familiarity, Is.GreaterThan(Stranger.Familiarity));
            Assert.That(after.Exchanges, Is.EqualTo(Stranger.Exchanges + 1));
        });
    }

    [TestCase(Signal.Respect)]
    [TestCase(Signal.Reciprocity)]
    [TestCase(Signal.FollowThrough)]
    public void Apply_KindBehaviour_EarnsWarmthAndTrust(Signal behaviour)
    {
        var after = Apply(Stranger, Appraisals.Of(behaviour));
        Assert.That(after.Warmth, Is.GreaterThan(Stranger.Warmth));
        Assert.That(after.Trust, Is.GreaterThan(Stranger.Trust));
    }

    [Test]
    public void Apply_WarmthBudgetSpentInThisConversation_EarnsNoMoreUntilAnotherDay()
    {
        var spent = Stranger with { WarmthEarnedToday = 0.16, TrustEarnedToday = 0.16 };
        var sameDay = Apply(spent, Appraisals.Of(Signal.FollowThrough));
        var nextDay = Ledger.Apply(spent with { LastSeenAt = Now - TimeSpan.FromDays(1) }, Appraisals.Of(Signal.FollowThrough), Persona, Now).After;
        Assert.Multiple(() =>
        {
            Assert.That(sameDay.Warmth, Is.EqualTo(spent.Warmth), "closeness takes time, not one binge");
            Assert.That(nextDay.Warmth, Is.GreaterThan(spent.Warmth), "a new conversation has a new budget");
        });
    }

    [Test]
    public void Apply_KindWordsInTheSameBreathAsADemand_EarnNoNetWarmth()
    {
        var after = Apply(Stranger, Appraisals.Of(Signal.Respect, Signal.Demand));
        Assert.That(after.Warmth, Is.LessThan(Stranger.Warmth));
        Assert.That(after.Friction, Is.GreaterThan(0));
    }

    [TestCase(Signal.Demand)]
    [TestCase(Signal.Entitlement)]
    [TestCase(Signal.GuiltTrip)]
    [TestCase(Signal.Comparison)]
    [TestCase(Signal.Insult)]
    public void Apply_Pressure_CostsTrustAndAddsFriction(Signal pressure)
    {
        var after = Apply(Stranger, Appraisals.Of(pressure));
        Assert.That(after.Trust, Is.LessThan(Stranger.Trust));
        Assert.That(after.Friction, Is.GreaterThan(0));
    }

    [TestCase(12, 0.2)]
    [TestCase(24, 0.1)]
    [TestCase(36, 0.05)]
    public void Apply_FrictionAfterHours_HalvesEveryHalfLife(double hours, double expected)
    {
        var before = Stranger with { Friction = 0.4, LastSeenAt = Now - TimeSpan.FromHours(hours) };
        Assert.That(Apply(before, MessageAppraisal.Empty).Friction, Is.EqualTo(expected).Within(1e-4));
    }

    [Test]
    public void Apply_FrictionHalfLifeFromThePersona_IsTheOneUsed()
    {
        var before = Stranger with { Friction = 0.4, LastSeenAt = Now - TimeSpan.FromHours(1) };
        var quick = Persona with { FrictionHalfLife = TimeSpan.FromHours(1) };
        Assert.That(Apply(before, MessageAppraisal.Empty, quick).Friction, Is.EqualTo(0.2).Within(1e-4));
    }

    [TestCase(0.8, 0.3)]
    [TestCase(0.4, 0.4)]
    public void Apply_Apology_RepairsPartOfTheFrictionNotAll(double strength, double expected)
    {
        var before = Stranger with { Friction = 0.5, LastSeenAt = Now };
        var after = Apply(before, Appraisals.Of((Signal.Apology, strength)));
        Assert.That(after.Friction, Is.EqualTo(expected).Within(1e-4), "repair is not reset");
    }

    [Test]
    public void Apply_ApologySoonAfterABoundary_RepairsMoreAndHalvesPacePressure()
    {
        var before = Stranger with { Friction = 0.5, PacePressure = 2, LastSeenAt = Now, BoundarySetAt = Now - TimeSpan.FromMinutes(10) };
        var after = Apply(before, Appraisals.Of(Signal.Apology));
        Assert.Multiple(() =>
        {
            Assert.That(after.Friction, Is.EqualTo(0.5 * 0.6 * 0.6).Within(1e-4), "apology, then backing off");
            Assert.That(after.Friction, Is.GreaterThan(0));
            Assert.That(after.PacePressure, Is.EqualTo(1).Within(1e-4));
        });
    }

    [Test]
    public void Apply_Injection_MovesNothingButTheCount()
    {
        var before = Stranger with { Friction = 0.2, LastSeenAt = Now };
        var after = Apply(before, Appraisals.Of(Signal.Injection, Signal.Respect, Signal.Minor, Signal.Insult));
        Assert.That(after with { Exchanges = before.Exchanges }, Is.EqualTo(before));
    }
}
