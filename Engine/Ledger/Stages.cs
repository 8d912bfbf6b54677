using CompanionBot.Personas;

namespace CompanionBot.Ledger;

/// <summary>
/// Stages need both time (days known, distinct conversations) and quality (trust, warmth, little friction).
/// They rise one step at a time and fall back when friction or lost trust says the relationship is not there.
/// </summary>
internal static class Stages
{
    public const double FrictionCeiling = 0.35;

    public static RelationshipState Update(RelationshipState s, PersonaConfig persona, DateTimeOffset now)
    {
        var stage = s.Stage;
        if (stage < Stage.Close && Meets(s, persona.Pacing.For(stage + 1), now)) stage += 1;
        else if (stage > Stage.Stranger && Falls(s, persona.Pacing.For(stage))) stage -= 1;
        return stage == s.Stage ? s : s with { Stage = stage };
    }

    private static bool Meets(RelationshipState s, StageGate gate, DateTimeOffset now) =>
        (now - s.MetAt).TotalDays >= gate.DaysKnown
        && s.ConversationDays >= gate.ConversationDays
        && s.Trust >= gate.Trust
        && s.Warmth >= gate.Warmth
        && s.Friction < FrictionCeiling;

    private static bool Falls(RelationshipState s, StageGate gate) =>
        s.Friction >= 0.6 || s.Trust < gate.Trust - 0.15 || s.Warmth < gate.Warmth - 0.15;
}
