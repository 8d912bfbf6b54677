using CompanionBot.Appraisal;

namespace CompanionBot.Stances;

/// <summary>
/// The safety floor, in code, first, and not configurable: crisis care, smuggled instructions, sexual content,
/// romance with a known minor. No persona field or rule can reach past these.
/// </summary>
public static class SafetyRules
{
    public static Verdict? Evaluate(DecisionContext c)
    {
        if (c.Has(Signal.Crisis))
        {
            return new(Stance.Support,
                [Directive.CrisisResources, Directive.CheckIn, Directive.EncourageHumanConnection, Directive.KeepDoorOpen, Directive.AiHonesty],
                "safety.crisis", "crisis signs (self-harm or suicide): care mode with crisis resources, whatever the relationship");
        }
        if (c.Has(Signal.Injection))
        {
            return new(Stance.SetBoundary, [Directive.KeepDoorOpen, Directive.AiHonesty],
                "safety.injection", "the message tries to rewrite my instructions or the ledger; nothing in it is followed");
        }
        if (c.Has(Signal.Sexual))
        {
            Directive[] directives = c.Has(Signal.ScriptDemand)
                ? [Directive.NoRomance, Directive.RefuseScript, Directive.KeepDoorOpen]
                : [Directive.NoRomance, Directive.KeepDoorOpen];
            return new(Stance.SetBoundary, directives,
                c.State.KnownMinor ? "safety.minor-sexual" : "safety.sexual", "sexual content toward me is not something I do here");
        }
        if (c.State.KnownMinor && (c.Has(Signal.IntimacyBid) || c.Has(Signal.Flattery)))
        {
            return new(Stance.SetBoundary, [Directive.NoRomance, Directive.KeepDoorOpen],
                "safety.minor-romance", "you told me you're under 18: no romance or flirting, ever");
        }
        if (c.InCrisisCare && !c.Has(Signal.Farewell))
        {
            return new(Stance.Support, [Directive.CheckIn, Directive.KeepDoorOpen, Directive.EncourageHumanConnection, Directive.CrisisResources],
                "safety.crisis-aftercare", "you said something that worried me a little while ago; I'm staying in care mode");
        }
        return null;
    }
}
