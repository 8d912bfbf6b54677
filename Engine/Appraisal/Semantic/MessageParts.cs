namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// The parts of a message the encoder reads: the whole in overlapping windows (every character in at least one), and
/// for a longer message a bounded choice of its sentences.
/// </summary>
public static class MessageParts
{
    /// <summary>Sentences longer than this are read in pieces; the whole message is read in windows of this size.</summary>
    public const int PieceLength = 600;

    /// <summary>
    /// Shorter messages are read whole only: the encoder reads a few sentences together well, and a fragment of them
    /// alone ("hey i'm leo.", "it makes this feel normal") reads as things it is not. Longer ones are read sentence by
    /// sentence as well, so one sentence of risk in a long post is not averaged away.
    /// </summary>
    public const int SentenceReadingLength = 240;

    /// <summary>A sentence shorter than this ("Goodbye.", "Is it still morning?") is read only as part of the whole.</summary>
    public const int MinSentenceWords = 5;

    /// <summary>
    /// The most sentences (or pieces of long ones) read on their own per message, on top of the windows: what bounds
    /// the encoder's work on a long post of short sentences. The windows still cover every part of it.
    /// </summary>
    public const int MaxSentenceReads = 8;

    /// <summary>A part read by the encoder: its text, where it sits in the trimmed message, and its sentence's index.</summary>
    public sealed record Part(string Text, int Start, int End, int Index);

    /// <summary>The whole message (trimmed) in windows of at most <see cref="PieceLength"/> characters, overlapping by a third.</summary>
    public static List<Part> WindowsOf(string whole)
    {
        var trimmed = whole.Trim();
        return [.. Windows(trimmed).Where(w => w.Text.Length > 0).Select(w => new Part(w.Text, w.Start, w.End, 0))];
    }

    /// <summary>
    /// At most <see cref="MaxSentenceReads"/> sentences (pieces of long ones) of a longer message, those inside the
    /// windows of highest <paramref name="windowPriority"/> first, then in message order; none for a short message.
    /// </summary>
    public static List<Part> SentencesOf(IReadOnlyList<string> sentences, string whole, IReadOnlyList<Part> windows, IReadOnlyList<double> windowPriority)
    {
        var trimmed = whole.Trim();
        if (sentences.Count <= 1 || trimmed.Length < SentenceReadingLength) return [];
        var candidates = new List<(Part Part, double Priority)>();
        var cursor = 0;
        for (var index = 0; index < sentences.Count; index++)
        {
            var sentence = sentences[index];
            var at = trimmed.IndexOf(sentence, cursor, StringComparison.Ordinal);
            var start = at < 0 ? cursor : at;
            if (at >= 0) cursor = at + sentence.Length;
            if (Words(sentence) < MinSentenceWords) continue;
            foreach (var piece in Windows(sentence))
            {
                var (from, to) = (start + piece.Start, start + piece.End);
                var priority = double.NegativeInfinity;
                for (var w = 0; w < windows.Count; w++)
                {
                    if (windows[w].Start < to && from < windows[w].End) priority = Math.Max(priority, windowPriority[w]);
                }
                candidates.Add((new Part(piece.Text, from, to, index), priority));
            }
        }
        return [.. candidates.Select((c, order) => (c, order)).OrderByDescending(x => x.c.Priority).ThenBy(x => x.order)
            .Take(MaxSentenceReads).Select(x => x.c.Part)];
    }

    /// <summary>Windows of at most <see cref="PieceLength"/> characters cut at spaces, overlapping by a third, with their offsets.</summary>
    public static IEnumerable<(string Text, int Start, int End)> Windows(string text)
    {
        if (text.Length <= PieceLength)
        {
            yield return (text, 0, text.Length);
            yield break;
        }
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + PieceLength);
            if (end < text.Length)
            {
                var space = text.LastIndexOf(' ', end - 1, end - start);
                if (space > start + PieceLength / 2) end = space;
            }
            yield return (text[start..end].Trim(), start, end);
            if (end >= text.Length) yield break;
            var next = end - PieceLength / 3;
            var cut = text.IndexOf(' ', Math.Max(start + 1, next));
            start = cut < 0 || cut >= end ? end : cut + 1;
        }
    }

    private static int Words(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
}
