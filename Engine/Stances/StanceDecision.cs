using CompanionBot.Common;
using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>The engine's choice for one message: the stance, what the reply must do, the rule that fired and why, and the reply plan.</summary>
public sealed record StanceDecision(Stance Stance, IReadOnlyList<Directive> Directives, string Rule, IReadOnlyList<string> Trace)
{
    public bool Has(Directive directive) => Directives.Contains(directive);

    public IReadOnlyList<string> DirectiveNames => Directives.Select(d => WireNames.Of(d)).ToArray();

    public string StanceName => WireNames.Of(Stance);

    /// <summary>What the reply is about: the act it answers, the topic, the behaviours noticed, the open question.</summary>
    public ReplyPlan Plan { get; init; } = ReplyPlan.None;

    /// <summary>What the ledger keeps of this decision.</summary>
    public CompanionMove Move => new(Stance, Rule, Directives, Trace);
}
