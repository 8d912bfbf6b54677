using System.Globalization;
using CompanionBot.Common;

namespace CompanionBot.Personas.Rules;

public enum FactKind
{
    Fraction,
    Stage,
    Count,
    Days,
}

/// <summary>
/// The closed vocabulary of facts persona rules may use, with their kinds and ranges. Configuration validates rules
/// against it; the decision step (<c>Stances/Rules/FactSnapshot</c>) gives every name its value for one message.
/// </summary>
public static class FactCatalog
{
    private static readonly Dictionary<string, FactKind> Facts = Build();

    public static IReadOnlyDictionary<string, FactKind> All => Facts;

    public static bool TryGet(string name, out FactKind kind) => Facts.TryGetValue(name, out kind);

    public static string Describe(string fact, double value) =>
        Facts.TryGetValue(fact, out var kind) && kind == FactKind.Stage && value is >= 0 and <= 3
            ? WireNames.Of((Stage)(int)value)
            : value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Checks a value against the fact's range; null when valid, else the allowed range in words.</summary>
    public static string? CheckValue(FactKind kind, double value) => kind switch
    {
        FactKind.Fraction when value is < 0 or > 1 => "a number from 0 to 1",
        FactKind.Stage when value is < 0 or > 3 => "one of stranger, acquaintance, friend, close",
        FactKind.Count or FactKind.Days when value < 0 => "a number of 0 or more",
        _ => null,
    };

    private static Dictionary<string, FactKind> Build()
    {
        var facts = new Dictionary<string, FactKind>(StringComparer.Ordinal)
        {
            ["ledger.familiarity"] = FactKind.Fraction,
            ["ledger.trust"] = FactKind.Fraction,
            ["ledger.warmth"] = FactKind.Fraction,
            ["ledger.friction"] = FactKind.Fraction,
            ["ledger.stage"] = FactKind.Stage,
            ["ledger.days_known"] = FactKind.Days,
            ["ledger.conversation_days"] = FactKind.Count,
            ["ledger.exchanges"] = FactKind.Count,
            ["ledger.pace_pressure"] = FactKind.Count,
        };
        foreach (var signal in Enum.GetValues<Signal>())
        {
            facts["signal." + WireNames.Of(signal)] = FactKind.Fraction;
        }
        return facts;
    }
}
