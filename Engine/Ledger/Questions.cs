using CompanionBot.Appraisal;

namespace CompanionBot.Ledger;

/// <summary>
/// The companion's own open questions: asked with ask_back, kept until the member answers, re-asked with a count
/// ("third time asking") while they dodge.
/// </summary>
internal static class Questions
{
    public const string Name = "name";
    public const string AboutYou = "about_you";

    public static RelationshipState Track(RelationshipState s, MessageAppraisal a, CompanionMove move, DateTimeOffset now)
    {
        var open = s.OpenQuestions.Where(q => !Answered(q, a)).ToList();
        if (move.Has(Directive.AskBack))
        {
            var topic = s.Introduced ? AboutYou : Name;
            var text = topic == Name ? "who you are" : "something real about you, not just what you want from me";
            var index = open.FindIndex(q => q.Topic == topic);
            if (index >= 0) open[index] = open[index] with { TimesAsked = open[index].TimesAsked + 1 };
            else open.Add(new OpenQuestion(topic, text, now, 1));
        }
        return s with { OpenQuestions = open };
    }

    private static bool Answered(OpenQuestion q, MessageAppraisal a) => q.Topic switch
    {
        Name => a.Has(Signal.Introduction),
        _ => a.Has(Signal.SelfDisclosure) || a.Has(Signal.Reciprocity) || a.Has(Signal.Respect),
    };
}
