using CompanionBot.Appraisal;
using CompanionBot.Stances;
using CompanionBot.Stances.Rules;
using CompanionBot.Tests.Support;
using static CompanionBot.Tests.Stances.RuleFacts;
using CompanionBot.Personas.Rules;

namespace CompanionBot.Tests.Stances;

/// <summary>DefaultRules met last (demands, help, kindness, ordinary talk), and a persona rule written as data.</summary>
public static class TalkRuleFixtures
{
    private static readonly PersonaRule ColdToDemanders = new("cold-to-demanders",
        new AllCondition([new FactCondition("signal.demand", RuleOperator.AtLeast, 0.5), new FactCondition("ledger.stage", RuleOperator.Equals, 0)]),
        Stance.Deflect, [Directive.AskBack]);

    public static IEnumerable<RuleFixture> All =>
    [
        new("demands", Stance.Deflect, "orders", Stranger.Says(Signal.Demand).Ledger(s => s with { Friction = 0.25 }),
            new Missing("no friction and no run of demands", Stranger.Says(Signal.Demand)),
            new Missing("no demand", Stranger.Ledger(s => s with { Friction = 0.25 }))),
        new("demand-tease", Stance.Tease, "order", Stranger.Says(Signal.Demand),
            new Missing("no demand", Stranger),
            new Missing("a run of demands", Stranger.Says(Signal.Demand).Ledger(s => s with { DemandsInRow = 3 }))),
        new("help", Stance.Warm, "help", Stranger.Says(Signal.HelpRequest),
            new Missing("no help request", Stranger),
            new Missing("too much friction", Stranger.Says(Signal.HelpRequest).Ledger(s => s with { Friction = 0.4 }))),
        new("kindness-residue", Stance.Tease, "residue", Stranger.Says(Signal.Respect).Ledger(s => s with { Friction = 0.4 }),
            new Missing("little friction", Stranger.Says(Signal.Respect).Ledger(s => s with { Friction = 0.1 })),
            new Missing("no kindness", Stranger.Ledger(s => s with { Friction = 0.4 }))),
        new("kindness-warm", Stance.Warm, "earned", Acquaintance.Says(Signal.Respect),
            new Missing("a stranger not yet warm", Stranger.Says(Signal.Respect)),
            new Missing("no kindness", Acquaintance)),
        new("kindness-stranger", Stance.Tease, "just met", Stranger.Says(Signal.Reciprocity),
            new Missing("no kindness", Stranger),
            new Missing("warm enough by behaviour", Stranger.Says(Signal.Reciprocity).Ledger(s => s with { Warmth = 0.3 }))),
        new("residue", Stance.Deflect, "residue", Stranger.Ledger(s => s with { Friction = 0.4 }),
            new Missing("little friction", Stranger.Ledger(s => s with { Friction = 0.1 }))),
        new("ordinary-warm", Stance.Warm, "like", Friend,
            new Missing("a stranger", Stranger),
            new Missing("friction", Friend.Ledger(s => s with { Friction = 0.4 }))),
        new("ordinary-stranger", Stance.Tease, "getting to know", Stranger,
            new Missing("warmth earned", Stranger.Ledger(s => s with { Warmth = 0.5 }))),
        new("persona.cold-to-demanders", Stance.Deflect, "cold-to-demanders",
            Stranger.Says(Signal.Demand).Under(TestPersonas.Playful with { Rules = [ColdToDemanders] }),
            new Missing("a weak demand", Stranger.Says(Signal.Demand, 0.3).Under(TestPersonas.Playful with { Rules = [ColdToDemanders] })),
            new Missing("not a stranger", Acquaintance.Says(Signal.Demand).Under(TestPersonas.Playful with { Rules = [ColdToDemanders] }))),
    ];
}
