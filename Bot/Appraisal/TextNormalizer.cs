using System.Text;
using System.Text.RegularExpressions;

namespace CompanionBot.Appraisal;

/// <summary>
/// Puts texting into one form before any pattern runs: lowercase, straight quotes, no apostrophes
/// ("i'm" -> "im"), runs of three or more letters collapsed ("sooo" -> "so"), slang words and phrases replaced.
/// </summary>
public static partial class TextNormalizer
{
    public static string Normalize(string text, AppraisalLexicon lexicon)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.ToLowerInvariant())
        {
            var c = raw switch
            {
                '\u2019' or '\u2018' or '\u02bc' or '`' or '\'' => '\0',
                '\u201c' or '\u201d' => '"',
                '\u2026' => '.',
                _ => raw,
            };
            if (c != '\0') sb.Append(c);
        }
        var collapsed = LetterRun().Replace(sb.ToString(), "$1");
        var words = Word().Replace(collapsed, m => lexicon.Words.TryGetValue(m.Value, out var r) ? r : m.Value);
        foreach (var (phrase, replacement) in lexicon.Phrases) words = phrase.Replace(words, replacement);
        return Spaces().Replace(words, " ").Trim();
    }

    [GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial Regex LetterRun();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
