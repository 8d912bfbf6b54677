using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Personas.Rules;

namespace CompanionBot.Stances.Rules;

/// <summary>Gives every fact of the closed <see cref="FactCatalog"/> its value for one message.</summary>
public static class FactSnapshot
{
    /// <summary>The facts for one moment, computed from the ledger (after this message) and the appraisal.</summary>
    public static StanceFacts Of(RelationshipState state, MessageAppraisal appraisal, DateTimeOffset now)
    {
        var values = new Dictionary<string, double>(FactCatalog.All.Count, StringComparer.Ordinal)
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
}
