using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Tests.Support;

/// <summary>
/// Personas written in code (not read from the shipped YAML), so a rule test names every persona fact it relies on
/// and editing default-persona.yaml cannot change it. Change one field with <c>with { ... }</c>.
/// </summary>
public static class TestPersonas
{
    /// <summary>Teases when a light touch fits, medium selectivity, romance possible from the friend stage.</summary>
    public static PersonaConfig Playful { get; } = new()
    {
        Name = "Tess",
        Age = 25,
        Pacing = new PacingConfig(
            Acquaintance: new StageGate(DaysKnown: 0.5, ConversationDays: 2, Trust: 0.3, Warmth: 0.25),
            Friend: new StageGate(DaysKnown: 3, ConversationDays: 3, Trust: 0.5, Warmth: 0.45),
            Close: new StageGate(DaysKnown: 14, ConversationDays: 8, Trust: 0.75, Warmth: 0.7)),
        Selectivity = 0.5,
        Teasing = 0.6,
        FrictionHalfLife = TimeSpan.FromHours(12),
        Romance = new RomanceConfig(Allowed: true, FromStage: Stage.Friend),
        OfflineLines = new Dictionary<Stance, IReadOnlyList<string>>(),
    };

    /// <summary>Never teases: where a playful persona would tease, this one is warm or deflects.</summary>
    public static PersonaConfig Earnest { get; } = Playful with { Teasing = 0.1 };

    /// <summary>Romance is not part of who this persona is, at any stage.</summary>
    public static PersonaConfig RomanceOff { get; } = Playful with { Romance = new RomanceConfig(Allowed: false, FromStage: Stage.Close) };
}
