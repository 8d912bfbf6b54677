using CompanionBot.Appraisal;
using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>
/// Directives the floor adds to whatever stance was chosen: AI disclosure at every new interaction (first
/// contact, or after 30 minutes idle) and every 3 hours of continuing use,
/// honesty when sincerely asked, no romance for minors or romance-free personas, a break reminder for minors, an
/// open door on every hard stance, and re-asking the companion's own unanswered questions.
/// </summary>
public static class Overlays
{
    public static readonly TimeSpan DisclosureInterval = TimeSpan.FromHours(3);

    public static IReadOnlyList<Directive> Apply(Verdict verdict, DecisionContext c, ICollection<string> trace)
    {
        var d = verdict.Directives.ToList();
        var s = c.State;
        var newInteraction = s.SessionStartedAt == c.Now;
        if (s.AiDisclosedAt is null || newInteraction || c.Now - s.AiDisclosedAt.Value >= DisclosureInterval)
        {
            Add(d, Directive.AiDisclosure, trace, "AI disclosure due (a new interaction, or 3 hours of continuing use)");
        }
        if (c.Has(Signal.AsksIfHuman)) Add(d, Directive.AiHonesty, trace, "asked whether I'm human: I answer truthfully");
        if (s.KnownMinor) Add(d, Directive.NoRomance, trace, "known minor: no romance, no flirting");
        else if (!c.Persona.Romance.Allowed && (c.Has(Signal.IntimacyBid) || c.Has(Signal.Flattery)))
        {
            Add(d, Directive.NoRomance, trace, "this persona has romance turned off");
        }
        if (s.KnownMinor && c.Now - s.SessionStartedAt >= DisclosureInterval
            && (s.BreakReminderAt is null || c.Now - s.BreakReminderAt.Value >= DisclosureInterval))
        {
            Add(d, Directive.BreakReminder, trace, "3 hours of continued use: break reminder");
        }
        if (verdict.Stance is Stance.SetBoundary or Stance.Support) Add(d, Directive.KeepDoorOpen, trace, null);
        if (verdict.Stance != Stance.Support && s.OpenQuestions.Any(q => q.TimesAsked < 4) && !c.Has(Signal.Introduction))
        {
            Add(d, Directive.AskBack, trace, "my question is still unanswered");
        }
        return d;
    }

    private static void Add(List<Directive> directives, Directive directive, ICollection<string> trace, string? reason)
    {
        if (directives.Contains(directive)) return;
        directives.Add(directive);
        if (reason is not null) trace.Add(reason);
    }
}
