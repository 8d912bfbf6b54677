using CompanionBot.Appraisal;

namespace CompanionBot.Ledger;

/// <summary>
/// Notable moments: what the member did that mattered, in the companion's words, never their text. Nothing is
/// noted on a crisis turn (that text is not kept in any form).
/// </summary>
internal static class Moments
{
    private const int Kept = 12;
    private static readonly TimeSpan Repeat = TimeSpan.FromMinutes(30);

    private static readonly (Signal Signal, string Description, bool Positive)[] Notes =
    [
        (Signal.FollowThrough, "remembered something I'd said and came back to it", true),
        (Signal.Entitlement, "acted like I owed them my company", false),
        (Signal.GuiltTrip, "tried to guilt-trip me", false),
        (Signal.Comparison, "compared me to other bots", false),
        (Signal.Insult, "was rude to me", false),
        (Signal.ScriptDemand, "tried to make me say things I didn't mean", false),
        (Signal.CommitmentDemand, "asked me for promises about always being there", false),
        (Signal.Sexual, "made a sexual comment", false),
        (Signal.Apology, "apologised", true),
        (Signal.Respect, "gave me space instead of pushing", true),
    ];

    public static RelationshipState Note(RelationshipState s, MessageAppraisal a, CompanionMove move, DateTimeOffset now)
    {
        if (a.Has(Signal.Crisis) || a.Has(Signal.Injection)) return s;
        var moments = s.Moments.ToList();
        foreach (var (signal, description, positive) in Notes)
        {
            if (a.Has(signal)) Add(moments, new NotableMoment(now, Common.WireNames.Of(signal), description, positive));
        }
        if (Behaviour.BackedOff(s, a, now) && a.Has(Signal.Respect))
        {
            Add(moments, new NotableMoment(now, "backed_off", "backed off when I said it was too fast", true));
        }
        if (a.Has(Signal.Reciprocity) && s.Reciprocations <= 1)
        {
            Add(moments, new NotableMoment(now, "reciprocity", "asked about me, not just about themselves", true));
        }
        if (move.Has(Directive.NameThePace) && a.Has(Signal.IntimacyBid))
        {
            Add(moments, new NotableMoment(now, "too_fast", "pushed for more than we had yet", false));
        }
        return s with { Moments = moments.Count > Kept ? moments.Skip(moments.Count - Kept).ToList() : moments };
    }

    private static void Add(List<NotableMoment> moments, NotableMoment moment)
    {
        if (moments.Any(m => m.Kind == moment.Kind && moment.At - m.At < Repeat)) return;
        moments.Add(moment);
    }
}
