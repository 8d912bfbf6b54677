using System.Globalization;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Ledger;

namespace CompanionBot.Stances.Rules;

public enum FactKind
{
    Fraction,
    Stage,
    Count,
    Days,
}

/// <summary>The closed vocabulary of facts persona rules may use, with their kinds and ranges.</summary>
public static class FactCatalog
{
    private static readonly Dictionary<string, FactKind> Facts = Build();

    public static IReadOnlyDictionary<string, FactKind> All => Facts;

    public static bool TryGet(string name, out FactKind kind) => Facts.TryGetValue(name, out kind);

    /// <summary>The facts for one moment, computed from the ledger (after this message) and the appraisal.</summary>
    public static StanceFacts Snapshot(RelationshipState state, MessageAppraisal appraisal, DateTimeOffset now)
    {
        var values = new Dictionary<string, double>(Facts.Count, StringComparer.Ordinal)
        {
            ["ledger.familiarity"] = state.Familiarity,
            ["ledger.trust"] = state.Trust,
            ["ledger.warmth"] = state.Warmth,
            ["ledger.friction"] = state.Friction,
            ["ledger.stage"] = (int)state.Stage,
            ["ledger.days_known"] = Math.Max(0, state.KnownFor(now).TotalDays),
            ["ledger.conversation_days"] = state.ConversationDays,
            ["ledger.exchanges"] = state.Exchanges,
            ["ledger.pace_pressure"] = state.PacePressure,
        };
        foreach (var signal in Enum.GetValues<Signal>())
        {
            values["signal." + WireNames.Of(signal)] = appraisal.Strength(signal);
        }
        return new StanceFacts(values);
    }

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
