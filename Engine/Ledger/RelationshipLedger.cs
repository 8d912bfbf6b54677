using CompanionBot.Appraisal;
using CompanionBot.Personas;

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

    public RelationshipState Remember(RelationshipState state, MessageAppraisal appraisal, CompanionMove move, DateTimeOffset now)
    {
        var s = Moments.Note(state, appraisal, move, now) with
        {
            LastDecision = new LastDecision(now, move.StanceName, move.Rule, move.DirectiveNames, appraisal.Names, [.. move.Trace, .. appraisal.SourceLines.Select(l => "signal " + l)]),
        };
        if (move.Stance == Stance.SetBoundary || move.Has(Directive.NameThePace) || move.Has(Directive.RefuseScript))
        {
            s = s with { BoundarySetAt = now };
        }
        if (move.Has(Directive.AiDisclosure)) s = s with { AiDisclosedAt = now };
        if (move.Has(Directive.BreakReminder)) s = s with { BreakReminderAt = now };
        return Questions.Track(s, appraisal, move, now);
    }

    private static RelationshipState Seal(RelationshipState s, PersonaConfig persona, DateTimeOffset now) =>
        Stages.Update(s with { LastSeenAt = now, Exchanges = s.Exchanges + 1 }, persona, now);

    internal static double Clamp(double v) => Math.Round(Math.Clamp(v, 0, 1), 4);
}
