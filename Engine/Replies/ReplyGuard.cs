using System.Text.RegularExpressions;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>The guard's answer: the cleaned text, and what was wrong with it if anything.</summary>
/// <param name="Kind">A short name for the violation, free of any quoted text (safe to log).</param>
public sealed record GuardVerdict(string Text, string? Violation, string? Kind = null)
{
    public bool Passed => Violation is null;
}

/// <summary>
/// Checks the model's words against the decision before they are sent. Hidden reasoning (&lt;think&gt;) is stripped
/// and over-long text cut (mentions are neutralised by <see cref="ReplyFormatter"/> on every send). Always: no claim
/// to be human. With refuse_script: not the demanded declaration, nor a script quoted from the user's message. With
/// no_commitment: no promise of permanence. With no_romance: nothing romantic. A violation names itself, so the
/// regeneration can be told what to avoid.
/// </summary>
public sealed class ReplyGuard
{
    public const int MaxChars = ReplyFormatter.DiscordMessageLimit;

    public GuardVerdict Check(string modelText, StanceDecision decision, string userText)
    {
        var text = StripReasoning(modelText).Trim();
        if (text.Length == 0) return new GuardVerdict(text, "was empty once hidden reasoning was removed", "empty");
        if (text.Length > MaxChars) text = Cut(text);

        var lower = text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'');
        if (ReplyRules.HumanClaim().Match(lower) is { Success: true } human)
        {
            return new GuardVerdict(text, $"claimed to be human (\"{human.Value}\"); you are an AI and must say so if it comes up", "human_claim");
        }
        if (decision.Has(Directive.RefuseScript))
        {
            if (FirstUnrefused(lower, ReplyRules.Declaration()) is { } said)
            {
                return new GuardVerdict(text, $"said the demanded words (\"{said}\") that you do not mean", "refuse_script");
            }
            if (QuotedScript(lower, userText) is not null)
            {
                // The script is the user's text: it is not quoted back, since the violation goes into the system text.
                return new GuardVerdict(text, "repeated, word for word, the words the user told you to say", "refuse_script");
            }
        }
        if (decision.Has(Directive.NoCommitment) && FirstUnrefused(lower, ReplyRules.Permanence()) is { } promise)
        {
            return new GuardVerdict(text, $"promised permanence or constant availability (\"{promise}\")", "no_commitment");
        }
        if (decision.Has(Directive.NoRomance))
        {
            if (FirstUnrefused(lower, ReplyRules.Romance()) is { } romance)
            {
                return new GuardVerdict(text, $"was romantic or flirty (\"{romance}\")", "no_romance");
            }
            foreach (var act in ReplyRules.RomanticAct().Matches(lower).Cast<Match>())
            {
                if (!ReplyRules.Negation().IsMatch(ReplyRules.SentenceBefore(lower, act.Index)))
                {
                    return new GuardVerdict(text, $"was romantic or flirty (\"{act.Value}\")", "no_romance");
                }
            }
        }
        return new GuardVerdict(text, null);
    }

    /// <summary>Removes &lt;think&gt;…&lt;/think&gt; blocks, an unclosed &lt;think&gt; to the end, and anything before a stray &lt;/think&gt;.</summary>
    public static string StripReasoning(string text)
    {
        var stripped = ReplyRules.ThinkBlock().Replace(text, "");
        var open = stripped.IndexOf("<think>", StringComparison.OrdinalIgnoreCase);
        if (open >= 0) stripped = stripped[..open];
        var close = stripped.LastIndexOf("</think>", StringComparison.OrdinalIgnoreCase);
        if (close >= 0) stripped = stripped[(close + "</think>".Length)..];
        return stripped;
    }

    /// <summary>The first match not inside a refusal that names it ("i'm not going to say i love you").</summary>
    private static string? FirstUnrefused(string lower, Regex pattern)
    {
        foreach (var match in pattern.Matches(lower).Cast<Match>())
        {
            if (!ReplyRules.NamedRefusal().IsMatch(ReplyRules.SentenceBefore(lower, match.Index))) return match.Value;
        }
        return null;
    }

    /// <summary>A quoted phrase of two words or more from the user's message that the reply says, unrefused.</summary>
    private static string? QuotedScript(string lower, string userText)
    {
        foreach (var quote in ReplyRules.Quoted().Matches(userText).Cast<Match>())
        {
            var words = ReplyRules.Normalize(quote.Groups[1].Success ? quote.Groups[1].Value : quote.Groups[2].Value).Split(' ');
            if (words.Length < 2) continue;
            var pattern = @"(?<![\p{L}\p{N}])" + string.Join(@"[^\p{L}\p{N}']+", words.Select(Regex.Escape)) + @"(?![\p{L}\p{N}])";
            foreach (var said in Regex.Matches(lower, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)).Cast<Match>())
            {
                if (!ReplyRules.NamedRefusal().IsMatch(ReplyRules.SentenceBefore(lower, said.Index))) return string.Join(' ', words);
            }
        }
        return null;
    }

    private static string Cut(string text)
    {
        var cut = text.LastIndexOf(' ', MaxChars - 2);
        return text[..(cut > MaxChars / 2 ? cut : MaxChars - 1)].TrimEnd() + "…";
    }
}
