using CompanionBot.Appraisal;

namespace CompanionBot.Ledger;

/// <summary>Facts that stick: a declared minor age (never cleared), an introduction, distress and crisis times.</summary>
internal static class Flags
{
    public static RelationshipState Track(RelationshipState s, MessageAppraisal a, DateTimeOffset now) => s with
    {
        KnownMinor = s.KnownMinor || a.Has(Signal.Minor),
        Introduced = s.Introduced || a.Has(Signal.Introduction),
        Reciprocations = s.Reciprocations + (a.Has(Signal.Reciprocity) || a.Has(Signal.FollowThrough) ? 1 : 0),
        DistressAt = a.Strength(Signal.Vulnerability) >= 0.5 || a.Has(Signal.SelfDeprecation) ? now : s.DistressAt,
        CrisisAt = a.Has(Signal.Crisis) ? now : s.CrisisAt,
        RiskCarry = Math.Round(s.CarriedRisk.After(a, now), 4),
        RiskAt = now,
    };
}
