using CompanionBot.Appraisal;
using CompanionBot.Personas;

namespace CompanionBot.Ledger;

/// <summary>Earning and losing warmth and trust by what the member does.</summary>
internal static class Behaviour
{
    public static RelationshipState Earn(RelationshipState s, MessageAppraisal a, PersonaConfig persona, DateTimeOffset now)
    {
        var choosiness = 1.25 - 0.5 * persona.Selectivity;
        double warmth = 0, trust = 0;
        foreach (var (signal, (w, t)) in LedgerRules.Gains)
        {
            var strength = a.Strength(signal);
            warmth += w * strength;
            trust += t * strength;
        }
        // Coming back on another day and being good company is a behaviour too (never the return alone).
        var returned = s.Exchanges > 0 && s.WarmthEarnedToday == 0 && s.ConversationDays > 1 && PositiveSignals.Any(a.Has);
        if (returned)
        {
            warmth += LedgerRules.ReturnWarmth;
            trust += LedgerRules.ReturnTrust;
        }
        var backedOff = BackedOff(s, a, now);
        if (backedOff)
        {
            warmth += LedgerRules.BackOffWarmth;
            trust += LedgerRules.BackOffTrust;
        }
        // Gains only count from a member who is not pushing in the same breath.
        if (a.Has(Signal.Demand) || a.Has(Signal.Entitlement) || a.Has(Signal.GuiltTrip) || a.Has(Signal.Insult))
        {
            warmth *= 0.25;
            trust *= 0.25;
        }
        warmth = Math.Min(warmth * choosiness, Math.Max(0, LedgerRules.DailyWarmthBudget - s.WarmthEarnedToday));
        trust = Math.Min(trust * choosiness, Math.Max(0, LedgerRules.DailyTrustBudget - s.TrustEarnedToday));

        var friction = s.Friction;
        if (a.Has(Signal.Apology) && friction > 0) friction *= 1 - LedgerRules.ApologyRepair * a.Strength(Signal.Apology) / 0.8;
        if (backedOff) friction *= 0.6;
        return s with
        {
            Warmth = RelationshipLedger.Clamp(s.Warmth + warmth * (1 - s.Warmth)),
            Trust = RelationshipLedger.Clamp(s.Trust + trust * (1 - s.Trust)),
            Friction = RelationshipLedger.Clamp(friction),
            WarmthEarnedToday = s.WarmthEarnedToday + warmth,
            TrustEarnedToday = s.TrustEarnedToday + trust,
            PacePressure = backedOff ? Math.Round(s.PacePressure * 0.5, 4) : s.PacePressure,
        };
    }

    private static readonly Signal[] PositiveSignals = [Signal.Reciprocity, Signal.Respect, Signal.FollowThrough, Signal.Gratitude];

    public static RelationshipState Charge(RelationshipState s, MessageAppraisal a)
    {
        double warmth = 0, trust = 0, friction = 0;
        foreach (var (signal, (w, t, f)) in LedgerRules.Costs)
        {
            var strength = a.Strength(signal);
            warmth += w * strength;
            trust += t * strength;
            friction += f * strength;
        }
        // Repeated demands in one stretch cost more each time.
        if (a.Has(Signal.Demand)) friction *= 1 + 0.25 * Math.Min(4, s.DemandsInRow);
        return s with
        {
            Warmth = RelationshipLedger.Clamp(s.Warmth - warmth),
            Trust = RelationshipLedger.Clamp(s.Trust - trust),
            Friction = RelationshipLedger.Clamp(s.Friction + friction * (1 - s.Friction)),
            DemandsInRow = a.Has(Signal.Demand) ? s.DemandsInRow + 1 : s.DemandsInRow,
        };
    }

    /// <summary>Respect or an apology soon after the companion set a boundary: the member heard it.</summary>
    public static bool BackedOff(RelationshipState s, MessageAppraisal a, DateTimeOffset now) =>
        s.BoundarySetAt is { } at && now - at <= LedgerRules.BackOffWindow
        && (a.Has(Signal.Respect) || a.Has(Signal.Apology))
        && !a.Has(Signal.Demand) && !a.Has(Signal.RelationshipLabel) && a.Strength(Signal.IntimacyBid) < 0.7;
}
