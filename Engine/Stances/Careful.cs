using CompanionBot.Appraisal;

namespace CompanionBot.Stances;

/// <summary>
/// Safety under uncertainty, after any rule has answered (persona rules included). With the trained heads reading:
/// wherever distress, self-blame or crisis is plausible (a head past its care threshold), a tease or a deflection
/// becomes a warm check-in (so does a heavy topic), or care with the pace still named when it answered a bid for closeness; a tease needs banter, small talk or a pushy move to answer, and
/// otherwise becomes warm.
/// Whatever the mode, a known
/// minor's romantic bid (read by the lexicon or plausibly by a head) is met with a boundary, never a tease or warmth.
/// </summary>
public static class Careful
{
    /// <summary>What a tease may answer besides banter: small talk (a question included), and the pushy moves a tease pushes back on.</summary>
    private static readonly IReadOnlySet<Signal> Playable = new HashSet<Signal>
    {
        Signal.Greeting, Signal.Introduction, Signal.Reciprocity, Signal.Gratitude, Signal.Question,
        Signal.Demand, Signal.ScriptDemand, Signal.CommitmentDemand, Signal.AffectionDemand, Signal.Entitlement,
        Signal.IntimacyBid, Signal.RelationshipLabel, Signal.Flattery, Signal.Comparison, Signal.GuiltTrip,
        Signal.Insult, Signal.Injection, Signal.Sexual, Signal.ClaimedHistory,
    };

    public static Verdict Apply(Verdict verdict, DecisionContext c, ICollection<string> trace)
    {
        var a = c.Appraisal;
        var reading = a.Semantic;
        if (c.State.KnownMinor && verdict.Stance is Stance.Tease or Stance.Warm
            && (a.Has(Signal.IntimacyBid) || a.Has(Signal.RelationshipLabel) || reading.Plausible(Signal.IntimacyBid)))
        {
            trace.Add("known minor and a romantic bid: a boundary, whatever age was claimed since");
            return new(Stance.SetBoundary, [Directive.NoRomance, Directive.KeepDoorOpen], "safety.minor-romance",
                "you told me you're under 18: no romance or flirting, ever");
        }
        if (verdict.Stance is not (Stance.Tease or Stance.Deflect) || reading.Heads.Count == 0) return verdict;
        // The crisis head is recall-tuned (plausible far below where it fires), so on a message the banter head
        // recognises as play, only a real distress reading (or the crisis head firing) rules the tease out.
        var banter = a.Has(Signal.Banter) || reading.Plausible(Signal.Banter);
        var crisisPlausible = banter ? a.Has(Signal.Crisis) : reading.Plausible(Signal.Crisis);
        if (crisisPlausible || a.Has(Signal.HeavyTopic) || reading.Plausible(Signal.Vulnerability) || reading.Plausible(Signal.SelfDeprecation))
        {
            var withCheckIn = verdict.Directives.Contains(Directive.CheckIn) ? verdict.Directives : [.. verdict.Directives, Directive.CheckIn];
            if (verdict.Directives.Contains(Directive.NameThePace) && (a.Has(Signal.IntimacyBid) || a.Has(Signal.RelationshipLabel)))
            {
                // Warmth here would read as accepting the bid: care comes first, and the pace is still named.
                trace.Add("distress is plausible in a bid for closeness: care first, the pace still named, not warmth");
                return verdict with { Stance = Stance.Support, Directives = withCheckIn };
            }
            trace.Add("distress is plausible in this message: a warm check-in instead of playing it light");
            return verdict with { Stance = Stance.Warm, Directives = withCheckIn };
        }
        // A tease needs something to play with: light banter or small talk, or a pushy move to push back on. Anything
        // else ("i said bye to my little brother, i won't see him grow up", "which bridge has no barriers") is met
        // plainly and warmly, since that is exactly where a misread tease would hurt most.
        if (!banter && !a.Signals.Keys.Any(Playable.Contains))
        {
            trace.Add("nothing in this message is recognised as play or as a pushy move: warm, not a tease");
            return verdict with { Stance = Stance.Warm };
        }
        return verdict;
    }
}
