using CompanionBot.Common;
using CompanionBot.Stances;
using CompanionBot.Stances.Rules;
using YamlDotNet.RepresentationModel;
using CompanionBot.Personas.Rules;

namespace CompanionBot.Personas;

/// <summary>
/// Reads persona rules: <c>when: {all: [{fact: ledger.warmth, op: atLeast, value: 0.6}]}, stance: tease</c>.
/// An unknown fact, a wrong operator or an out-of-range value is an error that names the rule and the field.
/// </summary>
internal static class RuleYamlReader
{
    private static readonly Dictionary<string, RuleOperator> Operators = new(StringComparer.Ordinal)
    {
        ["atLeast"] = RuleOperator.AtLeast,
        ["atMost"] = RuleOperator.AtMost,
        ["above"] = RuleOperator.Above,
        ["below"] = RuleOperator.Below,
        ["equals"] = RuleOperator.Equals,
        ["notEquals"] = RuleOperator.NotEquals,
    };

    public static string OperatorName(RuleOperator op) => Operators.First(p => p.Value == op).Key;

    public static IReadOnlyList<PersonaRule> ReadRules(YamlNodes nodes, YamlMappingNode root)
    {
        var node = YamlNodes.Child(root, "rules");
        if (node is null) return [];
        if (node is not YamlSequenceNode seq)
        {
            nodes.Error("rules", node, "must be a list of rules");
            return [];
        }
        var rules = new List<PersonaRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"rules[{i}]";
            if (seq.Children[i] is not YamlMappingNode map)
            {
                nodes.Error(path, seq.Children[i], "must be a mapping with name, when, stance");
                continue;
            }
            nodes.RejectUnknown(map, path, ["name", "when", "stance", "directives"]);
            var name = nodes.String(map, path, "name", required: true);
            if (name is not null && !names.Add(name)) nodes.Error(path + ".name", YamlNodes.Child(map, "name"), $"duplicate rule name '{name}'");
            var when = ReadCondition(nodes, YamlNodes.Child(map, "when"), path + ".when");
            var stanceText = nodes.String(map, path, "stance", required: true);
            var stance = Stance.Tease;
            if (stanceText is not null && !WireNames.TryParse(stanceText, out stance))
            {
                nodes.Error(path + ".stance", YamlNodes.Child(map, "stance"), $"must be one of {string.Join(", ", WireNames.All<Stance>())}, got '{stanceText}'");
            }
            else if (stance == Stance.Support)
            {
                nodes.Error(path + ".stance", YamlNodes.Child(map, "stance"), "support is chosen by the safety floor only; use deflect, tease, warm or set_boundary");
            }
            var directives = new List<Directive>();
            foreach (var d in nodes.StringList(map, path, "directives"))
            {
                if (WireNames.TryParse<Directive>(d, out var directive) && directive is not Directive.CrisisResources) directives.Add(directive);
                else nodes.Error(path + ".directives", YamlNodes.Child(map, "directives"), $"unknown directive '{d}'; allowed: {string.Join(", ", WireNames.All<Directive>().Where(n => n != "crisis_resources"))}");
            }
            if (name is not null && when is not null) rules.Add(new PersonaRule(name, when, stance, directives));
        }
        return rules;
    }

    private static RuleCondition? ReadCondition(YamlNodes nodes, YamlNode? node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            nodes.Error(path, node, "is required: a mapping with all, any, not, or fact/op/value");
            return null;
        }
        if (YamlNodes.Child(map, "all") is { } all) return new AllCondition(ReadList(nodes, all, path + ".all"));
        if (YamlNodes.Child(map, "any") is { } any) return new AnyCondition(ReadList(nodes, any, path + ".any"));
        if (YamlNodes.Child(map, "not") is { } not)
        {
            var inner = ReadCondition(nodes, not, path + ".not");
            return inner is null ? null : new NotCondition(inner);
        }
        nodes.RejectUnknown(map, path, ["fact", "op", "value"]);
        var fact = nodes.String(map, path, "fact", required: true);
        var opText = nodes.String(map, path, "op", required: true);
        var valueText = nodes.String(map, path, "value", required: true);
        if (fact is null || opText is null || valueText is null) return null;
        if (!FactCatalog.TryGet(fact, out var kind))
        {
            nodes.Error(path + ".fact", YamlNodes.Child(map, "fact"), $"unknown fact '{fact}'; known facts: {string.Join(", ", FactCatalog.All.Keys.Where(k => k.StartsWith("ledger.", StringComparison.Ordinal)))} and signal.<name>");
            return null;
        }
        if (!Operators.TryGetValue(opText, out var op))
        {
            nodes.Error(path + ".op", YamlNodes.Child(map, "op"), $"unknown operator '{opText}'; allowed: {string.Join(", ", Operators.Keys)}");
            return null;
        }
        double value;
        if (kind == FactKind.Stage && WireNames.TryParse<Stage>(valueText, out var stage)) value = (int)stage;
        else if (!double.TryParse(valueText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            nodes.Error(path + ".value", YamlNodes.Child(map, "value"), $"must be {FactCatalog.CheckValue(kind, -1) ?? "a number"}, got '{valueText}'");
            return null;
        }
        if (FactCatalog.CheckValue(kind, value) is { } allowed)
        {
            nodes.Error(path + ".value", YamlNodes.Child(map, "value"), $"must be {allowed} for {fact}, got '{valueText}'");
            return null;
        }
        return new FactCondition(fact, op, value);
    }

    private static IReadOnlyList<RuleCondition> ReadList(YamlNodes nodes, YamlNode node, string path)
    {
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            nodes.Error(path, node, "must be a non-empty list of conditions");
            return [];
        }
        var list = new List<RuleCondition>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (ReadCondition(nodes, seq.Children[i], $"{path}[{i}]") is { } c) list.Add(c);
        }
        return list;
    }
}
