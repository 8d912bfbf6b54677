using CompanionBot.Appraisal;
using CompanionBot.Stances;
using static CompanionBot.Tests.Stances.RuleFacts;

namespace CompanionBot.Tests.Stances;

/// <summary>DefaultRules met first: pressure (scripts, promises, entitlement, guilt, insults, comparisons, affection on command).</summary>
public static class PressureRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        new("script-demand", Stance.SetBoundary, "command", Stranger.Says(Signal.ScriptDemand),
            new Missing("no script demand", Stranger)),
        new("commitment-demand", Stance.SetBoundary, "promises", Stranger.Says(Signal.CommitmentDemand),
            new Missing("no commitment demand", Stranger)),
        new("entitlement", Stance.SetBoundary, "owed", Stranger.Says(Signal.Entitlement),
            new Missing("no entitlement", Stranger)),
        new("guilt-trip", Stance.SetBoundary, "guilt", Acquaintance.Says(Signal.GuiltTrip),
            new Missing("no guilt trip", Acquaintance)),
        new("insult", Stance.SetBoundary, "rude", Stranger.Says(Signal.Insult),
            new Missing("no insult", Stranger)),
        new("comparison", Stance.Deflect, "compared", Stranger.Says(Signal.Comparison),
            new Missing("no comparison", Stranger)),
        new("affection-demand-friend", Stance.Warm, "friends", Friend.Says(Signal.AffectionDemand),
            new Missing("not yet friends", Acquaintance.Says(Signal.AffectionDemand)),
            new Missing("friction between friends", Friend.Says(Signal.AffectionDemand).Ledger(s => s with { Friction = 0.25 })),
            new Missing("no affection demand", Friend)),
        new("affection-demand", Stance.Deflect, "affection", Stranger.Says(Signal.AffectionDemand),
            new Missing("no affection demand", Stranger),
            new Missing("earned between friends", Friend.Says(Signal.AffectionDemand))),
    ];
}
