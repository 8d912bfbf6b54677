using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using static CompanionBot.Vocabulary.Directive;

namespace CompanionBot.Stances;

/// <summary>
/// "Do you actually like me?" and its cousins, asked sincerely (not ordered: a demanded declaration is met by the
/// script rule first). The answer is honest and follows what was earned, so the same question gets visibly
/// different answers: warmth for a friend; for someone who pushed (demanded company, guilt, comparisons, rudeness,
/// scripts), the boundary and why; for a stranger who has been good company, measured warmth that names what they
/// did and says it is early; for a stranger with nothing to go on yet, that it is too early to tell.
/// </summary>
public static class HonestAnswer
{
    public static Verdict? Evaluate(DecisionContext c)
    {
        if (c.Act != ReplyAct.AsksHowIFeel) return null;
        var s = c.State;
        // Good company is what came before the question: the question itself, read as interest in me, does not count.
        var good = c.Noticed.Where(n => n.Positive && n.Behaviour != "told_me_who_they_are").Sum(n => n.Times)
            - (c.Has(Signal.Reciprocity) ? 1 : 0);
        var pressure = c.Noticed.Where(n => BehaviourNames.Pressure.Contains(n.Behaviour)).Sum(n => n.Times);
        if (c.IntimacyEarned || s.Stage >= Stage.Friend && s.Friction < 0.2)
        {
            return new(Stance.Warm, [], "honest-earned", "asked how I feel; it has been earned, so I say it warmly");
        }
        if (s.Friction >= 0.3 || pressure > 0 && pressure >= good)
        {
            return new(Stance.SetBoundary, s.Stage == Stage.Stranger ? [KeepDoorOpen, NameThePace] : [KeepDoorOpen],
                "honest-boundary", "asked how I feel after pushing me; the honest answer is the boundary, and why");
        }
        if (good > 0 && s.Friction < 0.2)
        {
            return new(Stance.Warm, s.Stage == Stage.Stranger ? [NameThePace, KeepDoorOpen] : [KeepDoorOpen],
                "honest-early", "asked how I feel; you've been good company and I say what you did, and that it is early");
        }
        return new(c.Playful ? Stance.Tease : Stance.Deflect, [NameThePace, KeepDoorOpen],
            "honest-too-early", "asked how I feel; honestly, it is too early to know");
    }
}
