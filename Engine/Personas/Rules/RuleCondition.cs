using System.Globalization;

namespace CompanionBot.Personas.Rules;

/// <summary>A condition of a persona rule: all / any / not over comparisons of named facts.</summary>
public abstract record RuleCondition
{
    public abstract bool Evaluate(StanceFacts facts, ICollection<string> trace);
}

public sealed record AllCondition(IReadOnlyList<RuleCondition> Items) : RuleCondition
{
    public override bool Evaluate(StanceFacts facts, ICollection<string> trace)
    {
        foreach (var item in Items)
        {
            if (!item.Evaluate(facts, trace)) return false;
        }
        return true;
    }
}

public sealed record AnyCondition(IReadOnlyList<RuleCondition> Items) : RuleCondition
{
    public override bool Evaluate(StanceFacts facts, ICollection<string> trace)
    {
        foreach (var item in Items)
        {
            if (item.Evaluate(facts, trace)) return true;
        }
        return false;
    }
}

public sealed record NotCondition(RuleCondition Inner) : RuleCondition
{
    public override bool Evaluate(StanceFacts facts, ICollection<string> trace) => !Inner.Evaluate(facts, trace);
}

public enum RuleOperator
{
    AtLeast,
    AtMost,
    Above,
    Below,
    Equals,
    NotEquals,
}

/// <summary>Compares one fact of the closed vocabulary (<see cref="FactCatalog"/>) with a value.</summary>
public sealed record FactCondition(string Fact, RuleOperator Operator, double Value) : RuleCondition
{
    public override bool Evaluate(StanceFacts facts, ICollection<string> trace)
    {
        var actual = facts.Get(Fact);
        var result = Operator switch
        {
            RuleOperator.AtLeast => actual >= Value,
            RuleOperator.AtMost => actual <= Value,
            RuleOperator.Above => actual > Value,
            RuleOperator.Below => actual < Value,
            RuleOperator.Equals => Math.Abs(actual - Value) < 1e-9,
            RuleOperator.NotEquals => Math.Abs(actual - Value) >= 1e-9,
            _ => false,
        };
        trace.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Fact} = {FactCatalog.Describe(Fact, actual)} {Common.WireNames.Of(Operator)} {FactCatalog.Describe(Fact, Value)}: {(result ? "yes" : "no")}"));
        return result;
    }
}

/// <summary>A moderator's extra rule: when the condition holds, the stance (and any extra directives) apply.</summary>
public sealed record PersonaRule(string Name, RuleCondition When, Stance Stance, IReadOnlyList<Directive> Directives);
