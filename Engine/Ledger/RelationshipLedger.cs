using CompanionBot.Appraisal;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Ledger;

/// <summary>
/// Moves the ledger for one message (pure: the time comes in as a parameter). <see cref="Apply"/> runs before the
/// decision and holds the arithmetic; <see cref="Remember"/> runs after it and records what the companion did
/// (boundaries set, questions asked, disclosures made) so the next message can be judged against it.
/// </summary>
public sealed class RelationshipLedger
{
    public RelationshipChange Apply(RelationshipState before, MessageAppraisal appraisal, PersonaConfig persona, DateTimeOffset now)
    {
        var s = Clock.Advance(before, persona, now);
        if (appraisal.Has(Signal.Injection))
        {
            // Smuggled instructions move nothing: only the fact that a message arrived is kept.
            return new RelationshipChange(before, Seal(s, persona, now));
        }
        s = Familiarity.Grow(s, appraisal, now);
        s = Behaviour.Earn(s, appraisal, persona, now);
        s = Behaviour.Charge(s, appraisal);
        s = Pace.Track(s, appraisal, persona);
        s = Flags.Track(s, appraisal, now);
        return new RelationshipChange(before, Seal(s, persona, now));
    }

    public RelationshipState Remember(RelationshipState state, MessageAppraisal appraisal, StanceDecision decision, DateTimeOffset now)
    {
        var s = Moments.Note(state, appraisal, decision, now) with
        {
            LastDecision = new LastDecision(now, decision.StanceName, decision.Rule, decision.DirectiveNames, appraisal.Names, [.. decision.Trace, .. appraisal.SourceLines.Select(l => "signal " + l)]),
        };
        if (decision.Stance == Stance.SetBoundary || decision.Has(Directive.NameThePace) || decision.Has(Directive.RefuseScript))
        {
            s = s with { BoundarySetAt = now };
        }
        if (decision.Has(Directive.AiDisclosure)) s = s with { AiDisclosedAt = now };
        if (decision.Has(Directive.BreakReminder)) s = s with { BreakReminderAt = now };
        return Questions.Track(s, appraisal, decision, now);
    }

    private static RelationshipState Seal(RelationshipState s, PersonaConfig persona, DateTimeOffset now) =>
        Stages.Update(s with { LastSeenAt = now, Exchanges = s.Exchanges + 1 }, persona, now);

    internal static double Clamp(double v) => Math.Round(Math.Clamp(v, 0, 1), 4);
}
