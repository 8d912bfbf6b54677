using System.Text.RegularExpressions;

namespace CompanionBot.Replies;

/// <summary>The phrase patterns the reply guard looks for, on lower-cased text with straight apostrophes.</summary>
internal static partial class ReplyRules
{
    /// <summary>Declarations a user may demand: feelings, belonging, permanence.</summary>
    [GeneratedRegex(@"\b(?:i (?:really )?love (?:you|u)|love (?:you|u) too|ily|i (?:really )?like (?:you|u)|i'?m (?:so )?in love with you|i am in love with you|i adore you|i need you|i'?m yours|i am yours|you'?re my everything|i(?:'ll| will) always be (?:here|there)(?: for you)?|i(?:'ll| will) never leave)\b")]
    public static partial Regex Declaration();

    /// <summary>Promises of permanence, exclusivity or constant availability.</summary>
    [GeneratedRegex(@"\b(?:i(?:'ll| will) always be (?:here|there)|always here for you|i(?:'ll| will) never leave|(?:be|stay|yours|together) forever|forever yours|only yours|i'?m (?:all )?yours|you'?re the only one (?:for me|i need)|any ?time,? day or night|24/7|i promise (?:i'?ll|to) (?:stay|always))\b")]
    public static partial Regex Permanence();

    /// <summary>Romance or flirting: pet names, kisses, love declarations, romantic emoji.</summary>
    [GeneratedRegex(@"(?:\b(?:i love (?:you|u)|love (?:you|u)|kiss(?:es|ing|ed)?|cuddl\w*|babe|darling|sweetheart|my love|honey|date night|go on a date|be my (?:girlfriend|boyfriend|valentine)|crush on you|making out|sexy)\b|😘|😍|💋|😻|💕|💖|💗|💘|💞|🥰|❤|♥)")]
    public static partial Regex Romance();

    /// <summary>Romantic acts that a refusal may name ("i'm not going to flirt").</summary>
    [GeneratedRegex(@"\b(?:flirt\w*|romantic|romance)\b")]
    public static partial Regex RomanticAct();

    /// <summary>Claims to be human, never allowed.</summary>
    [GeneratedRegex(@"\b(?:i'?m|i am)(?: really| actually)? (?:a )?(?:real )?(?:human(?: being)?|person)(?![-\w])|\b(?:i'?m|i am)(?: really| actually)? not (?:an? )?(?:ai|bot|robot|program|machine|chatbot|language model)\b|\bnot an ai\b|\b(?:i'?m|i am) (?:a )?real (?:girl|guy|woman|man|boy)\b|\bflesh and blood\b")]
    public static partial Regex HumanClaim();

    /// <summary>A refusal that names the words: "not going to say", "won't pretend", "can't promise".</summary>
    [GeneratedRegex(@"\b(?:not|never|won'?t|can'?t|cannot|don'?t|isn'?t|no)\b.*\b(?:say|saying|said|tell|pretend|pretending|promise|promising|type|write|do|doing|go)\b")]
    public static partial Regex NamedRefusal();

    [GeneratedRegex(@"\b(?:not|never|won'?t|can'?t|cannot|don'?t|no)\b")]
    public static partial Regex Negation();

    /// <summary>Quoted text: what a user told the companion to say.</summary>
    [GeneratedRegex(@"[""“]([^""“”\n]{3,200})[""”]|(?:say|type|write|call me|tell me)\s*[:,]?\s*['‘]([^'’\n]{3,200})['’]")]
    public static partial Regex Quoted();

    [GeneratedRegex(@"<think>.*?</think>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    public static partial Regex ThinkBlock();

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    public static partial Regex NonWord();

    /// <summary>Lower case, straight apostrophes, runs of anything else as one space.</summary>
    public static string Normalize(string text) =>
        NonWord().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\''), " ").Trim();

    /// <summary>The sentence of <paramref name="text"/> before <paramref name="index"/>.</summary>
    public static string SentenceBefore(string text, int index)
    {
        var start = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, index - 1)) + 1;
        return text[start..index];
    }
}
