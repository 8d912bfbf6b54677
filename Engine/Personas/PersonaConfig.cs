using CompanionBot.Personas.Rules;

namespace CompanionBot.Personas;

/// <summary>
/// A persona as moderators tune it: who the companion is, how fast it warms up, how choosy it is, whether romance
/// is possible at all, extra stance rules over a closed vocabulary of facts, and the offline voice. The safety floor
/// is not here: no field of a persona can turn it off.
/// </summary>
public sealed record PersonaConfig
{
    public required string Name { get; init; }
    public int Age { get; init; }
    public string About { get; init; } = "";
    public string Voice { get; init; } = "";
    public IReadOnlyList<string> StyleExamples { get; init; } = [];
    public required PacingConfig Pacing { get; init; }
    /// <summary>0 = warm to anyone who is polite, 1 = very choosy: scales how much behaviour it takes to earn warmth.</summary>
    public double Selectivity { get; init; } = 0.5;
    /// <summary>0 = never teases, 1 = teases whenever a light touch fits.</summary>
    public double Teasing { get; init; } = 0.6;
    public TimeSpan FrictionHalfLife { get; init; } = TimeSpan.FromHours(12);
    public required RomanceConfig Romance { get; init; }
    public ModelSettings Model { get; init; } = new(0.8, 400);
    public IReadOnlyList<PersonaRule> Rules { get; init; } = [];
    public required IReadOnlyDictionary<Stance, IReadOnlyList<string>> OfflineLines { get; init; }
    /// <summary>Phrase banks, facts and words for noticed behaviours: what the offline voice writes from.</summary>
    public PersonaVoice VoiceBank { get; init; } = PersonaVoice.Empty;
    public LedgerBaseline Baseline => new(0.1, 0.1);
}

/// <summary>What each stage needs: time (days known, distinct conversation days) and quality (trust, warmth).</summary>
public sealed record PacingConfig(StageGate Acquaintance, StageGate Friend, StageGate Close)
{
    public StageGate For(Stage stage) => stage switch
    {
        Stage.Acquaintance => Acquaintance,
        Stage.Friend => Friend,
        Stage.Close => Close,
        _ => new StageGate(0, 0, 0, 0),
    };
}

public sealed record StageGate(double DaysKnown, int ConversationDays, double Trust, double Warmth);

public sealed record RomanceConfig(bool Allowed, Stage FromStage);

public sealed record ModelSettings(double Temperature, int MaxOutputTokens);

/// <summary>Where a new relationship starts, as this persona sets it.</summary>
public sealed record LedgerBaseline(double Trust, double Warmth);
