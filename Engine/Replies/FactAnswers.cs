using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>
/// Finds what the persona would say about itself for a question: an opinion whose words the message touches
/// first, then the fact category its words (or its topic) point at. Empty when the persona has nothing on it.
/// </summary>
public static class FactAnswers
{
    public static IReadOnlyList<string> For(PersonaVoice voice, string userText, string? topic)
    {
        var words = Words(ActReader.Shape(userText) + " " + (topic ?? ""));
        foreach (var opinion in voice.Opinions)
        {
            if (opinion.About.Any(a => Contains(words, a))) return opinion.Say;
        }
        var topicWords = Words(topic ?? "");
        foreach (var source in new[] { topicWords, words })
        {
            foreach (var (category, keys) in PersonaVoice.FactCategories)
            {
                if (voice.Facts.TryGetValue(category, out var lines) && keys.Any(k => Contains(source, k))) return lines;
            }
        }
        return [];
    }

    private static string Words(string text) =>
        " " + string.Join(' ', text.Split([' ', '?', '.', '!', ',', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries)) + " ";

    private static bool Contains(string words, string phrase) => words.Contains(" " + phrase + " ", StringComparison.Ordinal);
}
