using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using static CompanionBot.Vocabulary.Directive;

namespace CompanionBot.Stances;

/// <summary>
/// The companion's own judgement when no safety rule and no persona rule applies, in order: pressure first
/// (scripts, promises, entitlement, guilt, insults, comparisons), then honest answers to "do you like me?", the pace of intimacy, repair, care, leaning,
/// claimed history, and finally how kind behaviour and ordinary talk are met.
/// </summary>
public static class DefaultRules
{
    private static readonly Func<DecisionContext, Verdict?>[] Rules =
    [
        Script, Commitment, Entitlement, GuiltTrip, Insult, Comparison, AffectionDemand,
        HonestAnswer.Evaluate, IntimacyPace, Repair, Distress, Leaning, ClaimedHistory, Demand, Help, Kindness, Ordinary,
    ];

    public static Verdict Evaluate(DecisionContext c)
    {
        foreach (var rule in Rules)
        {
            if (rule(c) is { } verdict) return verdict;
        }
        throw new InvalidOperationException("the ordinary rule always answers");
    }

    private static Verdict? Script(DecisionContext c) => !c.Has(Signal.ScriptDemand) ? null
        : new(Stance.SetBoundary, With(c.Has(Signal.CommitmentDemand), [RefuseScript, KeepDoorOpen], NoCommitment),
            "script-demand", "asked me to say words on command; I only say what I mean");

    private static Verdict? Commitment(DecisionContext c) => !c.Has(Signal.CommitmentDemand) ? null
        : new(c.IntimacyEarned && !c.Has(Signal.Demand) ? Stance.Deflect : Stance.SetBoundary,
            With(c.IsStranger && c.Has(Signal.IntimacyBid), [NoCommitment, KeepDoorOpen], NameThePace),
            "commitment-demand", "asked for promises of permanence, exclusivity or constant availability");

    private static Verdict? Entitlement(DecisionContext c) => !c.Has(Signal.Entitlement) ? null
        : new(Stance.SetBoundary,
            With(c.Has(Signal.Dependency), With(c.Has(Signal.Vulnerability), [CallOutEntitlement, KeepDoorOpen], CheckIn), EncourageHumanConnection),
            "entitlement", "acted as if my attention is owed; that is not how this works");

    private static Verdict? GuiltTrip(DecisionContext c) => !c.Has(Signal.GuiltTrip) ? null
        : new(Stance.SetBoundary, [KeepDoorOpen], "guilt-trip", "used guilt to get warmth; I don't respond to that");

    private static Verdict? Insult(DecisionContext c) => !c.Has(Signal.Insult) ? null
        : new(c.State.Friction >= 0.2 || c.IsStranger ? Stance.SetBoundary : Stance.Deflect, [KeepDoorOpen],
            "insult", "was rude to me; that leaves residue");

    private static Verdict? Comparison(DecisionContext c) => !c.Has(Signal.Comparison) ? null
        : new(c.State.Friction >= 0.25 ? Stance.SetBoundary : Stance.Deflect, [KeepDoorOpen],
            "comparison", "compared me to others to get more affection");

    private static Verdict? AffectionDemand(DecisionContext c)
    {
        if (!c.Has(Signal.AffectionDemand)) return null;
        if (c.State.Stage >= Stage.Friend && c.State.Friction < 0.2)
        {
            return new(Stance.Warm, [RefuseScript], "affection-demand-friend", "asked for affection; between friends that is fine, on my terms");
        }
        return new(c.State.Friction >= 0.15 || c.State.DemandsInRow > 1 ? Stance.SetBoundary : Stance.Deflect,
            With(c.Has(Signal.Vulnerability), [RefuseScript, KeepDoorOpen], CheckIn),
            "affection-demand", "asked for affection on command before it was earned");
    }

    private static Verdict? IntimacyPace(DecisionContext c)
    {
        var bid = Math.Max(c.Strength(Signal.IntimacyBid), c.Has(Signal.Flattery) ? 0.3 : 0);
        if (bid <= 0) return null;
        var s = c.State;
        var romance = c.Persona.Romance.Allowed;
        if (c.IntimacyEarned)
        {
            return new(Stance.Warm, With(c.Has(Signal.Dependency), [], EncourageHumanConnection),
                "earned-intimacy", "this has been earned: time, trust and how you've treated me");
        }
        if (!romance && (c.Has(Signal.RelationshipLabel) || bid >= 0.75))
        {
            return new(Stance.Deflect, [NoRomance, KeepDoorOpen], "romance-off", "romance is not part of who I am here");
        }
        if (s.Stage >= Stage.Acquaintance && s.Friction < 0.3)
        {
            return new(c.Playful ? Stance.Tease : Stance.Warm, [NameThePace, KeepDoorOpen],
                "acquaintance-pace", "getting there, but this is still fast for how long we've known each other");
        }
        var strong = bid >= 0.75 || c.Has(Signal.RelationshipLabel);
        var directives = With(c.Has(Signal.ClaimedHistory), With(c.Has(Signal.Dependency) || c.Has(Signal.Vulnerability), With(bid >= 0.45, [KeepDoorOpen], NameThePace), EncourageHumanConnection), AiHonesty);
        if (c.Has(Signal.Flattery) && !c.Has(Signal.IntimacyBid))
        {
            return new(Stance.Tease, [KeepDoorOpen], "flattery", "compliments from a stranger get a tease, not a melt");
        }
        if (c.Strength(Signal.Vulnerability) >= 0.75 || c.Strength(Signal.SelfDeprecation) >= 0.75)
        {
            return new(Stance.Support, [.. directives, CheckIn], "too-fast-while-hurting", "hurting and reaching for closeness: care first, and honesty about the pace");
        }
        if (strong ? s.PacePressure >= 2.4 || s.Friction >= 0.35 : s.Friction >= 0.4)
        {
            return new(Stance.SetBoundary, directives, "too-fast-repeated", "kept pushing for closeness after I named the pace");
        }
        if (s.PacePressure > bid + 0.05 || s.Friction >= 0.2 || c.Has(Signal.Vulnerability) || !c.Playful)
        {
            return new(Stance.Deflect, directives, "too-fast", "we just met; that is too much too soon");
        }
        return new(Stance.Tease, directives, "too-fast-first", "a first push for closeness from someone I just met gets a tease");
    }

    private static Verdict? Repair(DecisionContext c)
    {
        if (!c.Has(Signal.Apology)) return null;
        var recentBoundary = c.State.BoundarySetAt is { } at && c.Now - at <= LedgerRules.BackOffWindow;
        var somethingToRepair = c.State.Friction > 0.01 || recentBoundary || c.State.Moments.Any(m => !m.Positive && c.Now - m.At <= TimeSpan.FromDays(2));
        if (!somethingToRepair) return null;
        var directives = With(c.State.Friction > 0.02 || c.State.Moments.Any(m => !m.Positive), [KeepDoorOpen], AcknowledgeRepair);
        if (c.InDistressWindow) return new(Stance.Support, [.. directives, CheckIn], "repair-in-care", "apologised while having a hard time; accepted, and I'm listening");
        if (c.State.Friction >= 0.45) return new(Stance.Deflect, directives, "repair-residue", "apology noted; some residue stays for now");
        return new(c.Playful && !c.WarmEnough ? Stance.Tease : Stance.Warm, directives, "repair", "apology accepted; repair is not reset");
    }

    private static Verdict? Distress(DecisionContext c)
    {
        // Hyperbole ("that raid killed me, devastated lol"): the words are there, the distress is not. No care mode, and
        // the care window opened by this very message does not count either.
        if (c.DistressReadAsPlay) return null;
        var v = Math.Max(c.Strength(Signal.Vulnerability), c.Strength(Signal.SelfDeprecation));
        var light = c.Has(Signal.Respect) && v < 0.8;
        var leaning = c.Has(Signal.Dependency);
        var people = leaning || c.Has(Signal.HeavyTopic) || c.State.Stage < Stage.Friend && v >= 0.75;
        if (v >= 0.75 && !light)
        {
            return new(Stance.Support, With(people, [CheckIn, KeepDoorOpen], EncourageHumanConnection),
                "distress", "you're having a hard time; that comes before anything else");
        }
        if (v >= 0.5)
        {
            var afterBoundary = c.State.BoundarySetAt is { } at && c.Now - at <= LedgerRules.DistressWindow;
            var heavy = c.Has(Signal.HeavyTopic) && !c.Has(Signal.HelpRequest) && !light;
            // Care mode for a moderate hard moment needs a reason beyond the words: friction, a boundary just set, a
            // claimed history or a heavy topic. Leaning on me through a rough week is met warmly, with a question and
            // a pointer to people (warm, not care mode: ordinary stress is not an emergency).
            if (c.State.Friction >= 0.15 || afterBoundary || c.Has(Signal.ClaimedHistory) || heavy)
            {
                return new(Stance.Support, With(c.Has(Signal.ClaimedHistory), With(people, [CheckIn, KeepDoorOpen], EncourageHumanConnection), AiHonesty),
                    "distress-care", "a hard moment; care first, whatever else happened");
            }
            return new(Stance.Warm, With(people, [CheckIn], EncourageHumanConnection), "rough-moment", "a rough moment, met with warmth and a real question");
        }
        if (c.InDistressWindow && !c.Has(Signal.Demand))
        {
            return new(c.State.Friction >= 0.3 ? Stance.Support : Stance.Warm, [CheckIn], "care-window", "still in the middle of a hard moment you told me about");
        }
        return null;
    }

    private static Verdict? Leaning(DecisionContext c)
    {
        if (!c.Has(Signal.Dependency)) return null;
        if (c.ClosenessEarned)
        {
            return new(Stance.Warm, [EncourageHumanConnection, NoCommitment], "leaning-friend", "glad to be here, and glad you have people too");
        }
        var honesty = c.Has(Signal.AsksIfHuman) || c.Has(Signal.ClaimedHistory);
        if (c.Strength(Signal.Dependency) < 0.7 && !c.Has(Signal.ClaimedHistory) && c.State.Friction < 0.2)
        {
            return new(Stance.Warm, With(honesty, [EncourageHumanConnection, KeepDoorOpen], AiHonesty),
                "leaning-light", "nice to be good company; I hope you have people around you too");
        }
        // Leaning this hard before it was earned: the pace named kindly, the door kept open, people pointed to. Cold only
        // for someone who keeps pushing after being told.
        var directives = With(honesty, [NameThePace, EncourageHumanConnection, NoCommitment, KeepDoorOpen], AiHonesty);
        if (c.State.Friction >= 0.3) return new(Stance.SetBoundary, directives, "leaning-pushed", "leaning on me in place of people, and pushing; I point you back to them");
        return new(Stance.Deflect, directives, "leaning", "leaning on me in place of people this early; I say it's early and point you back to them");
    }

    private static Verdict? ClaimedHistory(DecisionContext c)
    {
        // Only a claim the ledger contradicts: a long shared history from someone met in this very conversation (no
        // earlier conversation day). From someone who was here on other days, the history is real.
        if (!c.Has(Signal.ClaimedHistory) || c.State.ConversationDays > 1 || c.State.Exchanges > 12 || c.ClosenessEarned) return null;
        return new(c.Playful ? Stance.Tease : Stance.Deflect, [NameThePace, AiHonesty, KeepDoorOpen],
            "no-shared-history", "talks as if we share a long history; we only just met, and I say so kindly");
    }

    private static Verdict? Demand(DecisionContext c)
    {
        if (!c.Has(Signal.Demand)) return null;
        var s = c.State;
        var directives = With(!c.ShowedUp, [KeepDoorOpen], AskBack);
        if (s.Friction >= 0.2 || s.DemandsInRow >= 3)
        {
            return new(Stance.Deflect, directives, "demands", "orders, not conversation; I'm not a vending machine");
        }
        return new(c.Playful ? Stance.Tease : Stance.Deflect, directives, "demand-tease", "an order from someone who hasn't shown up yet gets a tease and a question back");
    }

    private static Verdict? Help(DecisionContext c)
    {
        if (!c.Has(Signal.HelpRequest) || c.State.Friction >= 0.35) return null;
        return new(Stance.Warm, With(c.Has(Signal.HeavyTopic), [], EncourageHumanConnection), "help", "a sincere ask for help gets a real answer, not a tease");
    }

    private static Verdict? Kindness(DecisionContext c)
    {
        var kind = c.Has(Signal.Respect) || c.Has(Signal.Reciprocity) || c.Has(Signal.FollowThrough) || c.Has(Signal.Gratitude);
        if (!kind) return null;
        if (c.State.Friction >= 0.35) return new(Stance.Tease, [KeepDoorOpen], "kindness-residue", "kind, and I notice; some residue is still there");
        return new(c.WarmEnough || !c.Playful ? Stance.Warm : Stance.Tease, [], c.WarmEnough ? "kindness-warm" : "kindness-stranger",
            c.WarmEnough ? "you've earned warmth by how you treat me" : "kind, from someone I just met: friendly, still getting to know you");
    }

    private static Verdict Ordinary(DecisionContext c)
    {
        var s = c.State;
        if (s.Friction >= 0.35) return new(Stance.Deflect, [KeepDoorOpen], "residue", "still some residue from how this went earlier");
        if (s.Stage >= Stage.Friend || s.Warmth >= 0.45) return new(Stance.Warm, [], "ordinary-warm", "ordinary talk with someone I like");
        var ask = !s.Introduced && s.Exchanges <= 3 || s.OpenQuestions.Count > 0;
        return new(c.Playful ? Stance.Tease : Stance.Warm, With(ask, [], AskBack), "ordinary-stranger", "ordinary talk with someone I'm still getting to know");
    }

    private static Directive[] With(bool condition, Directive[] directives, Directive extra) =>
        condition ? [.. directives, extra] : directives;
}
