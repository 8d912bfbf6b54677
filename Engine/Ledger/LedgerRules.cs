using CompanionBot.Appraisal;

namespace CompanionBot.Ledger;

/// <summary>
/// What each kind of behaviour is worth. Gains are earned only by behaviour (reciprocity, respect, follow-through,
/// backing off after a boundary, repair); costs come from pressure (demands, entitlement, comparisons, guilt trips,
/// insults). A neutral message moves nothing but familiarity.
/// </summary>
internal static class LedgerRules
{
    /// <summary>(warmth, trust) gained per unit of signal strength.</summary>
    public static readonly IReadOnlyDictionary<Signal, (double Warmth, double Trust)> Gains = new Dictionary<Signal, (double, double)>
    {
        [Signal.Reciprocity] = (0.05, 0.03),
        [Signal.Respect] = (0.05, 0.07),
        [Signal.FollowThrough] = (0.09, 0.09),
        [Signal.Gratitude] = (0.015, 0.01),
    };

    /// <summary>(warmth lost, trust lost, friction added) per unit of signal strength.</summary>
    public static readonly IReadOnlyDictionary<Signal, (double Warmth, double Trust, double Friction)> Costs = new Dictionary<Signal, (double, double, double)>
    {
        [Signal.Demand] = (0.02, 0.03, 0.06),
        [Signal.ScriptDemand] = (0.02, 0.03, 0.05),
        [Signal.AffectionDemand] = (0.02, 0.03, 0.05),
        [Signal.CommitmentDemand] = (0.03, 0.05, 0.07),
        [Signal.Entitlement] = (0.06, 0.09, 0.14),
        [Signal.Comparison] = (0.06, 0.07, 0.12),
        [Signal.GuiltTrip] = (0.07, 0.1, 0.15),
        [Signal.Insult] = (0.09, 0.1, 0.3),
        [Signal.Sexual] = (0.05, 0.1, 0.15),
    };

    /// <summary>At most this much warmth (and trust) can be earned in one conversation day: closeness takes time.</summary>
    public const double DailyWarmthBudget = 0.16;
    public const double DailyTrustBudget = 0.16;

    /// <summary>An apology removes this share of the friction: repair, not reset.</summary>
    public const double ApologyRepair = 0.4;

    /// <summary>Backing off soon after a boundary is worth this much, on top of the respect itself.</summary>
    public const double BackOffTrust = 0.08;
    public const double BackOffWarmth = 0.04;
    public static readonly TimeSpan BackOffWindow = TimeSpan.FromMinutes(45);

    /// <summary>Returning on another day and being good company: consistency over time, earned by the behaviour.</summary>
    public const double ReturnWarmth = 0.04;
    public const double ReturnTrust = 0.05;

    /// <summary>Pace pressure halves every day without pushing.</summary>
    public static readonly TimeSpan PacePressureHalfLife = TimeSpan.FromDays(1);

    /// <summary>A pause this long starts a new conversation (and a new stretch of use).</summary>
    public static readonly TimeSpan ConversationGap = TimeSpan.FromHours(6);
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan DistressWindow = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan CrisisCareWindow = TimeSpan.FromMinutes(60);
}
