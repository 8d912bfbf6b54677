using CompanionBot.Common;

namespace CompanionBot.Ledger;

/// <summary>
/// What the companion did on a turn, as the ledger remembers it (<see cref="RelationshipLedger.Remember"/>): the
/// stance, the rule behind it, what the reply had to do and why. The decision step hands it down after deciding.
/// </summary>
public sealed record CompanionMove(Stance Stance, string Rule, IReadOnlyList<Directive> Directives, IReadOnlyList<string> Trace)
{
    public bool Has(Directive directive) => Directives.Contains(directive);

    public string StanceName => WireNames.Of(Stance);

    public IReadOnlyList<string> DirectiveNames => Directives.Select(d => WireNames.Of(d)).ToArray();
}
