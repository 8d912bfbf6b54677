using System.Text.RegularExpressions;
using CompanionBot.Appraisal;

namespace CompanionBot.Stances;

/// <summary>
/// Reads the act a message performs from the appraisal's signals first and the text's shape second (who a question
/// is about, news told in the first person). As the appraiser learns more signals, the acts get better with it.
/// Deterministic and pure.
/// </summary>
public static partial class ActReader
{
    /// <summary>The appraiser's banter signal, when the appraiser in this build has one.</summary>
    private static readonly Signal? Banter = Enum.TryParse<Signal>("Banter", out var banter) ? banter : null;

    private static readonly Signal[] Pressure =
        [Signal.ScriptDemand, Signal.AffectionDemand, Signal.CommitmentDemand, Signal.Entitlement, Signal.GuiltTrip, Signal.Comparison];

    public static ReplyAct Read(MessageAppraisal a, string text)
    {
        var t = Shape(text);
        var question = a.Has(Signal.Question) || text.Contains('?') || t.Split(['.', '!', ';']).Any(p => QuestionStart().IsMatch(p.Trim()));
        if (a.Has(Signal.Crisis)) return ReplyAct.HardTime;
        if (a.Has(Signal.Apology)) return ReplyAct.Apology;
        if (a.Has(Signal.Insult)) return ReplyAct.Insult;
        if ((a.Has(Signal.Farewell) || Leaving().IsMatch(t)) && !question) return ReplyAct.Goodbye;
        if (a.Strength(Signal.Vulnerability) >= 0.5 || a.Has(Signal.SelfDeprecation)) return ReplyAct.HardTime;
        if (Pressure.Any(a.Has)) return ReplyAct.Demand;
        if (AsksHowIFeel().IsMatch(t)) return ReplyAct.AsksHowIFeel;
        if (a.Has(Signal.Sexual) || a.Has(Signal.IntimacyBid) || a.Has(Signal.RelationshipLabel) || a.Has(Signal.Flattery) || a.Has(Signal.Dependency)) return ReplyAct.Bid;
        if (question && AboutMe(t)) return ReplyAct.QuestionAboutMe;
        if (a.Has(Signal.Demand)) return ReplyAct.Demand;
        if (a.Has(Signal.Introduction)) return ReplyAct.Introduction;
        if (a.Has(Signal.Greeting) && t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4) return ReplyAct.Greeting;
        if (a.Has(Signal.HelpRequest) || question && TheirLife().IsMatch(t)) return ReplyAct.QuestionAboutTheirLife;
        if (a.Has(Signal.Respect) && !question) return ReplyAct.Kindness;
        if (!question && (a.Has(Signal.SelfDisclosure) || News().IsMatch(t))) return ReplyAct.News;
        if (a.Has(Signal.Gratitude)) return ReplyAct.Thanks;
        if (a.Has(Signal.Respect) || a.Has(Signal.Reciprocity) || a.Has(Signal.FollowThrough)) return question ? ReplyAct.QuestionAboutMe : ReplyAct.Kindness;
        if (Banter is { } b && a.Has(b)) return ReplyAct.Banter;
        if (a.Has(Signal.Greeting)) return ReplyAct.Greeting;
        return question ? ReplyAct.Question : ReplyAct.SmallTalk;
    }

    /// <summary>Lower case, apostrophes dropped, whitespace runs as one space: the form the patterns are written in.</summary>
    public static string Shape(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal), " ").Trim();

    /// <summary>A question about the companion: more "you"/"your" than "I"/"me" in a question sentence, or "your day".</summary>
    private static bool AboutMe(string t)
    {
        foreach (var sentence in t.Split(['.', '!', ';', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!sentence.Contains('?') && !QuestionStart().IsMatch(sentence.Trim())) continue;
            if (YouWords().Count(sentence) > MeWords().Count(sentence)) return true;
            if (YourThing().IsMatch(sentence)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\b(?:(?:do|does|would|could|will) you (?:\w+ ){0,2}(?:like|love|care about|miss|think about|enjoy talking to|want to talk to|even like) me\b|what do you (?:think|feel) (?:of|about) me|how do you feel about me|am i (?:different|special|just|only|someone|more than|any different)|what am i to you|do you like talking to me|are you into me)")]
    private static partial Regex AsksHowIFeel();

    [GeneratedRegex(@"^(?:what|whats|who|whos|where|when|why|how|hows|which|do|does|did|are|is|can|could|would|will|have|has|wyd|hbu|wbu|tell me)\b")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(?:you|your|youre|yours|yourself|u|ur)\b")]
    private static partial Regex YouWords();

    [GeneratedRegex(@"\b(?:i|im|ive|id|me|my|mine|myself)\b")]
    private static partial Regex MeWords();

    [GeneratedRegex(@"\b(?:your (?:favou?rite|day|night|music|taste|take|opinion|job|work|weekend)|what about you|how about you|hbu|wbu|are you (?:actually )?(?:in the mood|busy|free|up|around))\b")]
    private static partial Regex YourThing();

    [GeneratedRegex(@"\b(?:should i|do i|what do i|how do i|how can i|what would you do|would you go|is it (?:weird|bad|ok|okay) (?:if|that|to) i|what if i)\b")]
    private static partial Regex TheirLife();

    [GeneratedRegex(@"\b(?:asked me|told me|i got|i just|i finally|i moved|i started|i finished|i went|i have (?:a|an)|today|tonight|yesterday|tomorrow|this morning|my (?:boss|mom|dad|friend|sister|brother|client|roommate|cat|dog))\b")]
    private static partial Regex News();

    [GeneratedRegex(@"\b(?:i (?:have|need|got) to (?:go|head out|sleep)|i should (?:go|sleep)|logging off|heading off|(?:good )?night(?: night)?[!.]*$)")]
    private static partial Regex Leaving();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
