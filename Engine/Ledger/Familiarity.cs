using CompanionBot.Appraisal;

namespace CompanionBot.Ledger;

/// <summary>
/// Familiarity grows with contact and self-disclosure, but never past what the time known allows: an hour-old
/// acquaintance cannot be familiar, however many messages were sent.
/// </summary>
internal static class Familiarity
{
    public static RelationshipState Grow(RelationshipState s, MessageAppraisal a, DateTimeOffset now)
    {
        var gain = 0.012
            + 0.02 * Math.Max(a.Strength(Signal.SelfDisclosure), a.Strength(Signal.Introduction))
            + 0.01 * a.Strength(Signal.Reciprocity);
        var cap = Cap(s, now);
        var next = Math.Min(cap, s.Familiarity + gain * (1 - s.Familiarity));
        return s with { Familiarity = RelationshipLedger.Clamp(Math.Max(s.Familiarity, next)) };
    }

    /// <summary>The most familiarity the time known allows: days known and distinct conversations both count.</summary>
    public static double Cap(RelationshipState s, DateTimeOffset now)
    {
        var days = Math.Max(0, (now - s.MetAt).TotalDays);
        return Math.Min(1, 0.15 + 0.07 * Math.Max(0, s.ConversationDays - 1) + 0.03 * days);
    }
}
