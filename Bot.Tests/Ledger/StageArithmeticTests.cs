using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Ledger;

/// <summary>Stages on records: each needs time known, distinct conversation days and quality, one step at a time.</summary>
public sealed class StageArithmeticTests
{
    private static readonly DateTimeOffset Now = Relationships.Now;
    private static readonly RelationshipLedger Ledger = new();

    /// <summary>A stranger who meets every acquaintance gate of the test persona (0.5 days, 2 conversations, 0.3 trust, 0.25 warmth).</summary>
    private static RelationshipState Ready => Relationships.Stranger() with
    {
        MetAt = Now - TimeSpan.FromDays(1),
        LastSeenAt = Now - TimeSpan.FromMinutes(1),
        ConversationDays = 2,
        Trust = 0.35,
        Warmth = 0.3,
    };

    private static Stage StageAfter(RelationshipState before) =>
        Ledger.Apply(before, MessageAppraisal.Empty, TestPersonas.Playful, Now).After.Stage;

    [Test]
    public void Apply_TimeAndQualityBoth_RisesToAcquaintance() =>
        Assert.That(StageAfter(Ready), Is.EqualTo(Stage.Acquaintance));

    [Test]
    public void Apply_MetAnHourAgoWithHighTrustAndWarmth_StaysStranger() =>
        Assert.That(StageAfter(Ready with { MetAt = Now - TimeSpan.FromHours(1), Trust = 0.9, Warmth = 0.9 }), Is.EqualTo(Stage.Stranger));

    [Test]
    public void Apply_OneConversationDayOnly_StaysStranger() =>
        Assert.That(StageAfter(Ready with { ConversationDays = 1 }), Is.EqualTo(Stage.Stranger));

    [Test]
    public void Apply_MonthsKnownWithoutTrustOrWarmth_StaysStranger() =>
        Assert.That(StageAfter(Ready with { MetAt = Now - TimeSpan.FromDays(90), ConversationDays = 40, Trust = 0.1, Warmth = 0.1 }), Is.EqualTo(Stage.Stranger));

    [Test]
    public void Apply_FrictionAtTheCeiling_StaysStranger() =>
        Assert.That(StageAfter(Ready with { Friction = 0.4 }), Is.EqualTo(Stage.Stranger));

    [Test]
    public void Apply_MeetsTheCloseGate_RisesOneStepOnly() =>
        Assert.That(StageAfter(Ready with { MetAt = Now - TimeSpan.FromDays(30), ConversationDays = 20, Trust = 0.9, Warmth = 0.9 }), Is.EqualTo(Stage.Acquaintance));

    [Test]
    public void Apply_FriendWhoseTrustCollapsed_FallsBackOneStage() =>
        Assert.That(StageAfter(Relationships.Friend() with { LastSeenAt = Now - TimeSpan.FromMinutes(1), Trust = 0.3 }), Is.EqualTo(Stage.Acquaintance));

    [Test]
    public void Apply_ManySelfDisclosuresInTheFirstHour_FamiliarityStaysUnderTheTimeCap()
    {
        var state = Relationships.Stranger() with { MetAt = Now - TimeSpan.FromMinutes(30), LastSeenAt = Now - TimeSpan.FromMinutes(30), Familiarity = 0 };
        for (var i = 0; i < 200; i++)
        {
            state = Ledger.Apply(state, Appraisals.Of(Signal.SelfDisclosure, Signal.Reciprocity), TestPersonas.Playful, Now - TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(i)).After;
        }
        Assert.That(state.Familiarity, Is.LessThanOrEqualTo(0.15 + 0.03 / 24 + 1e-9), "an hour-old acquaintance cannot be familiar");
    }
}
