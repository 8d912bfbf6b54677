using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Stances;
using static CompanionBot.Tests.Stances.RuleFacts;

namespace CompanionBot.Tests.Stances;

/// <summary>HonestAnswer: a sincere "do you like me?" answered by what was earned, on records plus the question's words.</summary>
public static class HonestRuleFixtures
{
    private const string Question = "do you actually like me?";

    private static RuleFacts WithMoments(RuleFacts facts, params (string Kind, bool Positive)[] moments) =>
        facts.Ledger(s => s with { Moments = moments.Select(m => new NotableMoment(Ago(10), m.Kind, m.Kind, m.Positive)).ToList() });

    private static RuleFacts GoodCompany => WithMoments(Stranger, ("reciprocity", true), ("respect", true)).Asks(Question);

    private static RuleFacts Pushed => WithMoments(Stranger, ("entitlement", false), ("comparison", false)).Asks(Question);

    public static IEnumerable<RuleFixture> All =>
    [
        new("honest-earned", Stance.Warm, "earned", Friend.Asks(Question),
            new Missing("still a stranger", Stranger.Asks(Question)),
            new Missing("not asking how I feel", Friend.Asks("what's up?"))),
        new("honest-boundary", Stance.SetBoundary, "pushing", Pushed,
            new Missing("no pressure noticed", Stranger.Asks(Question)),
            new Missing("a demand, not a question", Pushed.Says(Signal.ScriptDemand))),
        new("honest-early", Stance.Warm, "good company", GoodCompany,
            new Missing("nothing good noticed", Stranger.Asks(Question)),
            new Missing("friction", GoodCompany.Ledger(s => s with { Friction = 0.25 }))),
        new("honest-too-early", Stance.Tease, "too early", Stranger.Asks(Question),
            new Missing("a friend", Friend.Asks(Question)),
            new Missing("good company already", GoodCompany),
            new Missing("not asking how I feel", Stranger.Asks("what's up?"))),
    ];
}
