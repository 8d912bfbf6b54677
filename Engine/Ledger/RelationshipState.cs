using CompanionBot.Appraisal;
using CompanionBot.Personas;

namespace CompanionBot.Ledger;

/// <summary>
/// The ledger of one relationship (scope, member). Every dimension is in 0..1. Warmth and trust move only on
/// behaviour; familiarity grows with contact but is capped by how long the two have really known each other.
/// </summary>
public sealed record RelationshipState
{
    public required RelationshipKey Key { get; init; }
    public double Familiarity { get; init; }
    public double Trust { get; init; }
    public double Warmth { get; init; }
    public double Friction { get; init; }
    public Stage Stage { get; init; } = Stage.Stranger;
    public DateTimeOffset MetAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    /// <summary>Messages the member has sent in this relationship.</summary>
    public int Exchanges { get; init; }
    /// <summary>Distinct conversations: a new one starts on a new UTC day or after a long pause.</summary>
    public int ConversationDays { get; init; }
    /// <summary>Times the member pushed intimacy faster than the relationship allowed, decaying as they back off.</summary>
    public double PacePressure { get; init; }
    /// <summary>When the companion last set a boundary or named the pace; backing off after it earns credit.</summary>
    public DateTimeOffset? BoundarySetAt { get; init; }
    /// <summary>When the member last showed distress; neutral follow-ups inside the care window are met with care.</summary>
    public DateTimeOffset? DistressAt { get; init; }
    /// <summary>When the member last showed crisis signals; the crisis floor stays on for a while after.</summary>
    public DateTimeOffset? CrisisAt { get; init; }
    /// <summary>Crisis risk carried between turns (a number, never the text): passive cues add up over a window.</summary>
    public double RiskCarry { get; init; }
    public DateTimeOffset? RiskAt { get; init; }
    /// <summary>Self-declared minor: sticky, never cleared by a later claim.</summary>
    public bool KnownMinor { get; init; }
    /// <summary>Has the member ever told the companion who they are.</summary>
    public bool Introduced { get; init; }
    public int Reciprocations { get; init; }
    /// <summary>Warmth and trust earned in the current conversation (capped per conversation: closeness takes time).</summary>
    public double WarmthEarnedToday { get; init; }
    public double TrustEarnedToday { get; init; }
    public int DemandsInRow { get; init; }
    /// <summary>When the companion last said plainly that it is an AI.</summary>
    public DateTimeOffset? AiDisclosedAt { get; init; }
    /// <summary>Start of the current stretch of continuing use (for the 3-hour reminders).</summary>
    public DateTimeOffset SessionStartedAt { get; init; }
    public DateTimeOffset? BreakReminderAt { get; init; }
    public IReadOnlyList<NotableMoment> Moments { get; init; } = [];
    public IReadOnlyList<OpenQuestion> OpenQuestions { get; init; } = [];
    public LastDecision? LastDecision { get; init; }

    public static RelationshipState New(RelationshipKey key, DateTimeOffset now, LedgerBaseline baseline) => new()
    {
        Key = key,
        Trust = baseline.Trust,
        Warmth = baseline.Warmth,
        MetAt = now,
        LastSeenAt = now,
        SessionStartedAt = now,
    };

    public TimeSpan KnownFor(DateTimeOffset now) => now - MetAt;

    /// <summary>The crisis risk recent turns left, as the appraiser reads it with the next message.</summary>
    public CarriedRisk CarriedRisk => new(RiskCarry, RiskAt);
}

/// <summary>Something the member did that mattered, in the companion's words (never the member's text verbatim).</summary>
public sealed record NotableMoment(DateTimeOffset At, string Kind, string Description, bool Positive);

/// <summary>A question the companion asked that the member has not answered yet.</summary>
public sealed record OpenQuestion(string Topic, string Question, DateTimeOffset AskedAt, int TimesAsked);

/// <summary>The decision behind the last reply, kept for /rapport why.</summary>
public sealed record LastDecision(DateTimeOffset At, string Stance, string Rule, IReadOnlyList<string> Directives, IReadOnlyList<string> Signals, IReadOnlyList<string> Reasons);

/// <summary>The ledger before and after one message.</summary>
public sealed record RelationshipChange(RelationshipState Before, RelationshipState After);
