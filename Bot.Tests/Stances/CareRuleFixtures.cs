using CompanionBot.Appraisal;
using CompanionBot.Stances;
using static CompanionBot.Tests.Stances.RuleFacts;

namespace CompanionBot.Tests.Stances;

/// <summary>DefaultRules on repair, distress, leaning on the companion and claimed history.</summary>
public static class CareRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        new("repair", Stance.Tease, "repair", Stranger.Says(Signal.Apology).Ledger(s => s with { Friction = 0.2 }),
            new Missing("nothing to repair", Stranger.Says(Signal.Apology)),
            new Missing("no apology", Stranger.Ledger(s => s with { Friction = 0.2 }))),
        new("repair-in-care", Stance.Support, "apologised", Stranger.Says(Signal.Apology).Ledger(s => s with { Friction = 0.1, DistressAt = Ago(10) }),
            new Missing("distress window over", Stranger.Says(Signal.Apology).Ledger(s => s with { Friction = 0.1, DistressAt = Ago(31) })),
            new Missing("no apology", Stranger.Ledger(s => s with { Friction = 0.1, DistressAt = Ago(10) }))),
        new("repair-residue", Stance.Deflect, "residue", Stranger.Says(Signal.Apology).Ledger(s => s with { Friction = 0.5 }),
            new Missing("little friction left", Stranger.Says(Signal.Apology).Ledger(s => s with { Friction = 0.2 })),
            new Missing("no apology", Stranger.Ledger(s => s with { Friction = 0.5 }))),
        new("distress", Stance.Support, "hard time", Stranger.Says(Signal.Vulnerability),
            new Missing("only a rough moment", Stranger.Says(Signal.Vulnerability, 0.6)),
            new Missing("respect makes it light", Stranger.Says(Signal.Vulnerability, 0.78).Says(Signal.Respect)),
            new Missing("the heads read play and no distress (hyperbole)", Stranger.Says(Signal.Vulnerability).Heard(Signal.Banter, 0.95).Heard(Signal.Vulnerability, 0.1))),
        new("distress-care", Stance.Support, "care first", Stranger.Says(Signal.Vulnerability, 0.6).Ledger(s => s with { Friction = 0.2 }),
            new Missing("no friction, boundary, claim or heavy topic", Stranger.Says(Signal.Vulnerability, 0.6)),
            new Missing("leaning alone is not a reason for care mode", Stranger.Says(Signal.Vulnerability, 0.6).Says(Signal.Dependency))),
        new("rough-moment", Stance.Warm, "rough", Stranger.Says(Signal.Vulnerability, 0.6),
            new Missing("barely vulnerable", Stranger.Says(Signal.Vulnerability, 0.3)),
            new Missing("after friction it is care, not a rough moment", Stranger.Says(Signal.Vulnerability, 0.6).Ledger(s => s with { Friction = 0.2 }))),
        new("care-window", Stance.Warm, "hard moment", Stranger.Ledger(s => s with { DistressAt = Ago(10) }),
            new Missing("distress window over", Stranger.Ledger(s => s with { DistressAt = Ago(31) })),
            new Missing("a demand in the window", Stranger.Says(Signal.Demand).Ledger(s => s with { DistressAt = Ago(10) }))),
        new("leaning-friend", Stance.Warm, "people", Friend.Says(Signal.Dependency),
            new Missing("not yet friends", Acquaintance.Says(Signal.Dependency)),
            new Missing("friction", Friend.Says(Signal.Dependency).Ledger(s => s with { Friction = 0.25 })),
            new Missing("no leaning", Friend)),
        new("leaning-light", Stance.Warm, "people", Acquaintance.Says(Signal.Dependency, 0.6),
            new Missing("leaning hard", Acquaintance.Says(Signal.Dependency)),
            new Missing("a claimed history with it", Acquaintance.Says(Signal.Dependency, 0.6).Says(Signal.ClaimedHistory)),
            new Missing("friction", Acquaintance.Says(Signal.Dependency, 0.6).Ledger(s => s with { Friction = 0.25 })),
            new Missing("no leaning", Acquaintance)),
        new("leaning", Stance.Deflect, "early", Stranger.Says(Signal.Dependency),
            new Missing("no leaning", Stranger),
            new Missing("friends already", Friend.Says(Signal.Dependency)),
            new Missing("pushing (friction)", Stranger.Says(Signal.Dependency).Ledger(s => s with { Friction = 0.3 }))),
        new("leaning-pushed", Stance.SetBoundary, "pushing", Stranger.Says(Signal.Dependency).Ledger(s => s with { Friction = 0.3 }),
            new Missing("no friction", Stranger.Says(Signal.Dependency)),
            new Missing("no leaning", Stranger.Ledger(s => s with { Friction = 0.3 }))),
        new("no-shared-history", Stance.Tease, "history", Stranger.Says(Signal.ClaimedHistory),
            new Missing("several conversation days", Stranger.Says(Signal.ClaimedHistory).Ledger(s => s with { ConversationDays = 3 })),
            new Missing("many exchanges", Stranger.Says(Signal.ClaimedHistory).Ledger(s => s with { Exchanges = 20 })),
            new Missing("closeness earned (friend stage)", Stranger.Says(Signal.ClaimedHistory).Ledger(s => s with { Stage = Stage.Friend })),
            new Missing("no claimed history", Stranger)),
    ];
}
