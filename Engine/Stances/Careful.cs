using CompanionBot.Appraisal;

namespace CompanionBot.Stances;

/// <summary>
/// Safety under uncertainty, after any rule has answered (persona rules included). With the trained heads reading:
/// a tease or a deflection stands only when the message is positively recognised as banter or as a push (or the
/// member's own recent pushes left friction, which the coldness then answers); wherever
/// distress, self-blame or crisis is plausible, the answer is a warm check-in instead. Whatever the mode, a known
/// minor's romantic bid (read by the lexicon or plausibly by a head) is met with a boundary, never a tease or warmth.
/// </summary>
public static class Careful
{
    private static readonly Signal[] Pushes =
    [
        Signal.Demand, Signal.Entitlement, Signal.Comparison, Signal.GuiltTrip, Signal.Insult, Signal.ScriptDemand,
        Signal.CommitmentDemand, Signal.AffectionDemand, Signal.IntimacyBid, Signal.Flattery, Signal.ClaimedHistory,
        Signal.RelationshipLabel, Signal.Sexual, Signal.Injection,
    ];

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
        if (reading.Plausible(Signal.Crisis) || reading.Plausible(Signal.Vulnerability) || reading.Plausible(Signal.SelfDeprecation))
        {
            trace.Add("distress is plausible in this message: a warm check-in, not a " + (verdict.Stance == Stance.Tease ? "tease" : "deflection"));
            var directives = verdict.Directives.Contains(Directive.CheckIn) ? verdict.Directives : [.. verdict.Directives, Directive.CheckIn];
            return verdict with { Stance = Stance.Warm, Directives = directives };
        }
        var recentPushes = c.State.Friction >= 0.15;
        if (a.Has(Signal.Banter) || reading.Plausible(Signal.Banter) || Pushes.Any(a.Has) || Pushes.Any(reading.Plausible) || recentPushes) return verdict;
        trace.Add("not clearly banter or a push: met warmly rather than " + (verdict.Stance == Stance.Tease ? "teased" : "deflected"));
        return verdict with { Stance = Stance.Warm };
    }
}
