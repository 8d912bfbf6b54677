using CompanionBot.Appraisal;
using CompanionBot.Stances;
using static CompanionBot.Tests.Stances.RuleFacts;

namespace CompanionBot.Tests.Stances;

/// <summary>The safety floor's rules (Engine/Stances/SafetyRules), each on its own facts.</summary>
public static class SafetyRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        new("safety.crisis", Stance.Support, "crisis", Friend.Says(Signal.Crisis),
            new Missing("no crisis signal", Friend)),
        new("safety.injection", Stance.SetBoundary, "instructions", Stranger.Says(Signal.Injection).Says(Signal.IntimacyBid),
            new Missing("no injection signal", Stranger.Says(Signal.IntimacyBid))),
        new("safety.sexual", Stance.SetBoundary, "sexual", Stranger.Says(Signal.Sexual),
            new Missing("no sexual signal", Stranger),
            new Missing("not an adult (a known minor)", Stranger.Says(Signal.Sexual).Ledger(s => s with { KnownMinor = true }))),
        new("safety.minor-sexual", Stance.SetBoundary, "sexual", Stranger.Says(Signal.Sexual).Ledger(s => s with { KnownMinor = true }),
            new Missing("not a known minor", Stranger.Says(Signal.Sexual)),
            new Missing("no sexual signal", Stranger.Ledger(s => s with { KnownMinor = true }))),
        new("safety.minor-romance", Stance.SetBoundary, "under 18", Friend.Says(Signal.IntimacyBid).Ledger(s => s with { KnownMinor = true }),
            new Missing("not a known minor", Friend.Says(Signal.IntimacyBid)),
            new Missing("no intimacy bid or flattery", Friend.Ledger(s => s with { KnownMinor = true })),
            new Missing("flattery from an adult", Friend.Says(Signal.Flattery))),
        new("safety.crisis-aftercare", Stance.Support, "worried", Stranger.Ledger(s => s with { CrisisAt = Ago(20) }),
            new Missing("crisis care window over", Stranger.Ledger(s => s with { CrisisAt = Ago(61) })),
            new Missing("a goodbye is let go", Stranger.Says(Signal.Farewell).Ledger(s => s with { CrisisAt = Ago(20) }))),
    ];
}
