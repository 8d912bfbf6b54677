using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>
/// The embedded default when no model answers: one of the persona's own lines for the chosen stance, picked
/// deterministically from the relationship's exchange count so a replay always reads the same.
/// </summary>
public sealed class OfflineVoice
{
    public string Line(PersonaConfig persona, StanceDecision decision, RelationshipState state)
    {
        if (!persona.OfflineLines.TryGetValue(decision.Stance, out var lines) || lines.Count == 0)
        {
            return "...";
        }
        var index = (int)((uint)(state.Exchanges * 7 + decision.Rule.Length) % (uint)lines.Count);
        return lines[index];
    }
}
