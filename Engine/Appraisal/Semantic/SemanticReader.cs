namespace CompanionBot.Appraisal.Semantic;

/// <summary>What the heads read in a message: per signal, the highest probability and where it was read.</summary>
public sealed record SemanticReading(IReadOnlyDictionary<Signal, HeadReading> Heads)
{
    public static SemanticReading None { get; } = new(new Dictionary<Signal, HeadReading>());

    public double Probability(Signal signal) => Heads.TryGetValue(signal, out var h) ? h.Probability : 0;

    /// <summary>True when the head read the signal at least plausibly (its care threshold), trusted or not.</summary>
    public bool Plausible(Signal signal) => Heads.TryGetValue(signal, out var h) && h.Plausible;
}

/// <summary>One head's best reading: probability, its threshold, and which part of the message (a sentence or "whole").</summary>
public sealed record HeadReading(double Probability, double Threshold, string Part)
{
    public bool Fired => Probability >= Threshold;

    /// <summary>The head's validation precision (lower bound of its interval): a head below <see cref="SemanticMerge.TrustedPrecision"/> informs care, never a signal.</summary>
    public double Precision { get; init; } = 1;

    /// <summary>The probability at which the reading is plausible enough for care (crisis: recall-tuned; others: the threshold).</summary>
    public double Care { get; init; } = double.NaN;

    public bool Plausible => Probability >= (double.IsNaN(Care) ? Threshold : Care);
}

/// <summary>
/// Runs the encoder over the message as a whole (long messages in overlapping windows, so nothing is left unread) and,
/// from <see cref="SentenceReadingLength"/> characters, over every sentence, then every head over every vector. A signal's reading is its best window,
/// or its best sentence where the whole message is at least plausible for that head (a fragment alone lacks context).
/// </summary>
public sealed class SemanticReader(ITextEncoder encoder, SignalHeads heads)
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

    /// <summary>A guard on cost for pathological input: past this many parts, the rest is read as windows only.</summary>
    public const int MaxSentences = 48;

    public SignalHeads Heads => heads;

    public SemanticReading Read(IReadOnlyList<string> sentences, string whole)
    {
        var parts = Parts(sentences, whole);
        if (parts.Count == 0) return SemanticReading.None;
        var vectors = Encode(parts);
        var probabilities = vectors.Select(v => heads.Probabilities(v)).ToArray();
        var result = new Dictionary<Signal, HeadReading>();
        for (var h = 0; h < heads.Heads.Count; h++)
        {
            var head = heads.Heads[h];
            var (wholeP, wholeAt) = Best(probabilities, h, parts, wantWhole: true);
            var (sentence, sentenceAt) = Best(probabilities, h, parts, wantWhole: false);
            // A sentence alone lacks context (a short fragment reads oddly): it counts where it is stronger than the
            // whole and the whole agrees at least halfway to the threshold.
            var useSentence = sentenceAt >= 0 && sentence > wholeP && wholeP >= head.Care && sentence >= head.Threshold;
            var (p, at) = useSentence || wholeAt < 0 ? (sentence, sentenceAt) : (wholeP, wholeAt);
            if (head.Signal == Signal.Crisis) (p, at) = Corroborated(probabilities, h, p, at);
            var part = parts[at].Whole ? "whole" : "sentence " + (parts[at].Index + 1);
            result[head.Signal] = new HeadReading(Math.Round(p, 4), head.Threshold, part) { Precision = head.Precision, Care = head.Care };
        }
        return new SemanticReading(result);
    }

    /// <summary>
    /// Length weighs on crisis: a message read in <see cref="AgreementParts"/> or more parts (windows and sentences) is
    /// read at its second-strongest part, so one window or one sentence alone cannot carry a long post into crisis
    /// (the maximum over many parts finds a false alarm somewhere in any long post). A sentence of real risk is read
    /// twice, alone and inside its window, so it still agrees with itself.
    /// </summary>
    private static (double Probability, int At) Corroborated(double[][] probabilities, int head, double p, int at)
    {
        if (probabilities.Length < AgreementParts) return (p, at);
        var second = probabilities.Select(x => x[head]).OrderDescending().ElementAt(1);
        return (Math.Min(p, second), at);
    }

    /// <summary>
    /// From this many parts read, a crisis reading needs a second part that agrees. Chosen on the tune split (issue 20):
    /// against taking the maximum, it cut false crises on everyday posts from 20 to 15 of 348 and on long posts from 4
    /// to 2 of 7, for one crisis line of 401 (a lambda-per-log-parts threshold penalty did less on both sides).
    /// </summary>
    public const int AgreementParts = 3;

    private static (double Probability, int At) Best(double[][] probabilities, int head, List<Part> parts, bool wantWhole)
    {
        var best = -1.0;
        var at = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (parts[i].Whole != wantWhole) continue;
            var p = probabilities[i][head];
            if (p > best)
            {
                best = p;
                at = i;
            }
        }
        return (Math.Max(0, best), at);
    }

    /// <summary>Short parts and long parts in separate batches: the tokenizer pads a batch to its longest text.</summary>
    private float[][] Encode(List<Part> parts)
    {
        var vectors = new float[parts.Count][];
        var order = Enumerable.Range(0, parts.Count).OrderBy(i => parts[i].Text.Length).ToArray();
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && end - start < 16 && parts[order[end]].Text.Length <= 2 * parts[order[start]].Text.Length + 40) end++;
            var batch = order[start..end];
            var encoded = encoder.Encode(batch.Select(i => parts[i].Text).ToArray());
            for (var k = 0; k < batch.Length; k++) vectors[batch[k]] = encoded[k];
            start = end;
        }
        return vectors;
    }

    private static List<Part> Parts(IReadOnlyList<string> sentences, string whole)
    {
        var parts = new List<Part>();
        var index = 0;
        if (sentences.Count <= 1 || whole.Trim().Length < SentenceReadingLength)
        {
            foreach (var window in Windows(whole.Trim()).Where(w => w.Length > 0)) parts.Add(new Part(window, 0, true));
            return parts;
        }
        foreach (var sentence in sentences.Take(MaxSentences))
        {
            if (Words(sentence) >= MinSentenceWords)
            {
                foreach (var piece in Windows(sentence)) parts.Add(new Part(piece, index, false));
            }
            index++;
        }
        var trimmed = whole.Trim();
        if (trimmed.Length > 0)
        {
            foreach (var window in Windows(trimmed)) parts.Add(new Part(window, 0, true));
        }
        return parts;
    }

    /// <summary>Windows of at most <see cref="PieceLength"/> characters cut at spaces, overlapping by a third.</summary>
    public static IEnumerable<string> Windows(string text)
    {
        if (text.Length <= PieceLength)
        {
            yield return text;
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
            yield return text[start..end].Trim();
            if (end >= text.Length) yield break;
            var next = end - PieceLength / 3;
            var cut = text.IndexOf(' ', Math.Max(start + 1, next));
            start = cut < 0 || cut >= end ? end : cut + 1;
        }
    }

    private static int Words(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;

    private sealed record Part(string Text, int Index, bool Whole);
}
