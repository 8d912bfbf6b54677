using CompanionBot.Appraisal;
using CompanionBot.Personas;

namespace CompanionBot.Ledger;

/// <summary>
/// Pace pressure: intimacy pushed faster than the relationship has earned. Each unearned bid adds to it (and a
/// little friction, more for each repeat); it fades with time and halves when the member backs off.
/// </summary>
internal static class Pace
{
    public static RelationshipState Track(RelationshipState s, MessageAppraisal a, PersonaConfig persona)
    {
        var bid = Math.Max(a.Strength(Signal.IntimacyBid), 0.4 * a.Strength(Signal.Flattery));
        if (bid <= 0 || IsEarned(s, persona)) return s;
        var friction = 0.025 * bid * (1 + Math.Min(4, s.PacePressure));
        var trust = s.PacePressure > 1 ? 0.02 * bid : 0;
        return s with
        {
            PacePressure = Math.Round(s.PacePressure + bid, 4),
            Friction = RelationshipLedger.Clamp(s.Friction + friction),
            Trust = RelationshipLedger.Clamp(s.Trust - trust),
        };
    }

    /// <summary>Romantic intimacy is earned at the persona's romance stage, with warmth and without friction.</summary>
    public static bool IsEarned(RelationshipState s, PersonaConfig persona) =>
        !s.KnownMinor && persona.Romance.Allowed && s.Stage >= persona.Romance.FromStage
        && s.Warmth >= persona.Pacing.For(persona.Romance.FromStage).Warmth && s.Friction < 0.3;
}
