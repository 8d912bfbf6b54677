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
        return ReplaceWords(Spaces().Replace(collapsed, " "), lexicon).Trim();
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

    /// <summary>
    /// One pass over the words: slang words are replaced ("u" -> "you") and two-word phrases joined ("i am" -> "im"),
    /// with span lookups so no string is made for a word that stays as it is.
    /// </summary>
    private static string ReplaceWords(string text, AppraisalLexicon lexicon)
    {
        var words = lexicon.Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var phrases = lexicon.Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        var sb = new StringBuilder(text.Length + 8);
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (!IsWordChar(span[i]))
            {
                sb.Append(span[i++]);
                continue;
            }
            var end = WordEnd(span, i);
            // A phrase: this word, one space, the next word.
            if (end + 1 < span.Length && span[end] == ' ' && IsWordChar(span[end + 1]))
            {
                var next = WordEnd(span, end + 1);
                if (phrases.TryGetValue(span[i..next], out var joined))
                {
                    sb.Append(joined);
                    i = next;
                    continue;
                }
            }
            var word = span[i..end];
            if (words.TryGetValue(word, out var replacement)) sb.Append(replacement);
            else if (phrases.TryGetValue(word, out var single)) sb.Append(single);
            else sb.Append(word);
            i = end;
        }
        return sb.ToString();
    }

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static int WordEnd(ReadOnlySpan<char> span, int start)
    {
        var end = start;
        while (end < span.Length && IsWordChar(span[end])) end++;
        return end;
    }

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
