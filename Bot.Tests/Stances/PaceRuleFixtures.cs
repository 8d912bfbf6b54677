using CompanionBot.Appraisal;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;
using static CompanionBot.Tests.Stances.RuleFacts;

namespace CompanionBot.Tests.Stances;

/// <summary>DefaultRules on the pace of intimacy: earned, romance off, acquaintance pace, flattery, too fast.</summary>
public static class PaceRuleFixtures
{
    /// <summary>A bid of middling strength whose pressure is already in the ledger (the ledger runs before the rules).</summary>
    private static RuleFacts FirstBid => Stranger.Says(Signal.IntimacyBid, 0.5).Ledger(s => s with { PacePressure = 0.5 });

    public static IEnumerable<RuleFixture> All =>
    [
        new("earned-intimacy", Stance.Warm, "earned", Friend.Says(Signal.IntimacyBid),
            new Missing("not at the romance stage", Acquaintance.Says(Signal.IntimacyBid)),
            new Missing("romance off for this persona", Friend.Says(Signal.IntimacyBid).Under(TestPersonas.RomanceOff)),
            new Missing("friction", Friend.Says(Signal.IntimacyBid).Ledger(s => s with { Friction = 0.3 })),
            new Missing("not warm enough", Friend.Says(Signal.IntimacyBid).Ledger(s => s with { Warmth = 0.4 })),
            new Missing("no intimacy bid", Friend)),
        new("romance-off", Stance.Deflect, "romance", Stranger.Says(Signal.IntimacyBid).Under(TestPersonas.RomanceOff),
            new Missing("romance allowed", Stranger.Says(Signal.IntimacyBid)),
            new Missing("a light bid with no label", Stranger.Says(Signal.IntimacyBid, 0.5).Under(TestPersonas.RomanceOff))),
        new("acquaintance-pace", Stance.Tease, "fast", Acquaintance.Says(Signal.IntimacyBid, 0.5),
            new Missing("still a stranger", FirstBid),
            new Missing("friction", Acquaintance.Says(Signal.IntimacyBid, 0.5).Ledger(s => s with { Friction = 0.3 }))),
        new("flattery", Stance.Tease, "compliments", Stranger.Says(Signal.Flattery),
            new Missing("no flattery", Stranger),
            new Missing("no longer a stranger", Acquaintance.Says(Signal.Flattery)),
            new Missing("an outright bid, not only flattery", FirstBid.Says(Signal.Flattery))),
        new("too-fast-while-hurting", Stance.Support, "hurting", FirstBid.Says(Signal.Vulnerability),
            new Missing("hurting only a little", FirstBid.Says(Signal.Vulnerability, 0.5)),
            new Missing("no intimacy bid", Stranger.Says(Signal.Vulnerability))),
        new("too-fast-repeated", Stance.SetBoundary, "pushing",
            Stranger.Says(Signal.IntimacyBid).Ledger(s => s with { PacePressure = 2.5 }),
            new Missing("no pressure built up", Stranger.Says(Signal.IntimacyBid).Ledger(s => s with { PacePressure = 0.8 })),
            new Missing("a light bid (needs friction, not pressure)", Stranger.Says(Signal.IntimacyBid, 0.5).Ledger(s => s with { PacePressure = 2.5 }))),
        new("too-fast", Stance.Deflect, "too soon", FirstBid.Ledger(s => s with { PacePressure = 1.2 }),
            new Missing("first push (no earlier pressure, no friction, playful)", FirstBid)),
        new("too-fast-first", Stance.Tease, "first push", FirstBid,
            new Missing("pressure from earlier bids", FirstBid.Ledger(s => s with { PacePressure = 1.2 })),
            new Missing("a persona that does not tease", FirstBid.Under(TestPersonas.Earnest)),
            new Missing("no intimacy bid", Stranger)),
    ];
}
