using System.Text;
using System.Text.RegularExpressions;

namespace CompanionBot.Appraisal;

/// <summary>
/// Puts texting into one form before any pattern runs: lowercase, no accents, straight quotes, no apostrophes
/// ("i'm" -> "im"), runs of three or more letters collapsed ("sooo" -> "so"), slang words and phrases replaced.
/// </summary>
public static partial class TextNormalizer
{
    public static string Normalize(string text, AppraisalLexicon lexicon)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in FoldDiacritics(text.ToLowerInvariant()))
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

    /// <summary>Accented Latin letters and their plain forms (the program runs without ICU, so no Unicode normalisation).</summary>
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    /// <summary>"perdón" -> "perdon", "café" -> "cafe": accents never decide whether a pattern matches.</summary>
    private static string FoldDiacritics(string text)
    {
        if (text.All(char.IsAscii)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var i = Accented.IndexOf(c, StringComparison.Ordinal);
            if (i >= 0) sb.Append(Plain[i]);
            else if (c == 'ß') sb.Append("ss");
            else if (c == 'æ') sb.Append("ae");
            else if (c == 'œ') sb.Append("oe");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial Regex LetterRun();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
