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
/// Runs the encoder over the message as a whole (long messages in overlapping windows, so every head, crisis first,
/// reads every part of it) and, from <see cref="MessageParts.SentenceReadingLength"/> characters, over its sentences,
/// then every head over every vector. A signal's reading is its best window, or its best sentence where the whole
/// message is at least plausible for that head (a fragment alone lacks context).
/// <para>
/// The work per message is bounded: the windows are read first, in one pass; sentences are read only when some head
/// finds the whole at least plausible (otherwise no sentence could change any reading), and then at most
/// <see cref="MessageParts.MaxSentenceReads"/> of them, in one batch, taken from the windows where those heads read
/// highest. A long post of short sentences therefore costs its windows plus a few sentences, not one encode each.
/// </para>
/// </summary>
public sealed class SemanticReader(ITextEncoder encoder, SignalHeads heads)
{
    public SignalHeads Heads => heads;

    public SemanticReading Read(IReadOnlyList<string> sentences, string whole)
    {
        var windows = MessageParts.WindowsOf(whole);
        if (windows.Count == 0) return SemanticReading.None;
        var wholeP = heads.Probabilities(EncodeSync(windows.Select(w => w.Text).ToArray()));
        var chosen = SentencesToRead(sentences, whole, windows, wholeP);
        var sentenceP = chosen.Count == 0 ? [] : heads.Probabilities(EncodeSync(chosen.Select(c => c.Text).ToArray()));
        return Decide(windows, wholeP, chosen, sentenceP);
    }

    /// <summary>As <see cref="Read"/>, awaiting the encoder (a batching encoder's followers wait without a thread).</summary>
    public async ValueTask<SemanticReading> ReadAsync(IReadOnlyList<string> sentences, string whole, CancellationToken cancellationToken)
    {
        var windows = MessageParts.WindowsOf(whole);
        if (windows.Count == 0) return SemanticReading.None;
        var wholeP = heads.Probabilities(await EncodeAsync(windows.Select(w => w.Text).ToArray(), cancellationToken).ConfigureAwait(false));
        var chosen = SentencesToRead(sentences, whole, windows, wholeP);
        var sentenceP = chosen.Count == 0 ? [] : heads.Probabilities(await EncodeAsync(chosen.Select(c => c.Text).ToArray(), cancellationToken).ConfigureAwait(false));
        return Decide(windows, wholeP, chosen, sentenceP);
    }

    private List<MessageParts.Part> SentencesToRead(IReadOnlyList<string> sentences, string whole, List<MessageParts.Part> windows, double[][] wholeP)
    {
        // A sentence's reading counts only for a head that finds the whole at least plausible (see Decide).
        var care = heads.Heads.Select(h => h.Care).ToArray();
        var plausible = Enumerable.Range(0, care.Length).Where(h => wholeP.Max(p => p[h]) >= care[h]).ToArray();
        if (plausible.Length == 0) return [];
        var priority = wholeP.Select(p => plausible.Max(h => p[h] - care[h])).ToArray();
        return MessageParts.SentencesOf(sentences, whole, windows, priority);
    }

    private SemanticReading Decide(List<MessageParts.Part> windows, double[][] wholeP, List<MessageParts.Part> sentences, double[][] sentenceP)
    {
        var result = new Dictionary<Signal, HeadReading>();
        for (var h = 0; h < heads.Heads.Count; h++)
        {
            var head = heads.Heads[h];
            var (p, at) = Best(wholeP, h);
            var part = "whole";
            var (sentence, sentenceAt) = Best(sentenceP, h);
            // A sentence alone lacks context (a short fragment reads oddly): it counts where it is stronger than the
            // whole and the whole agrees at least at the head's care threshold.
            if (sentenceAt >= 0 && sentence > p && p >= head.Care && sentence >= head.Threshold)
            {
                p = sentence;
                part = "sentence " + (sentences[sentenceAt].Index + 1);
            }
            result[head.Signal] = new HeadReading(Math.Round(p, 4), head.Threshold, part) { Precision = head.Precision, Care = head.Care };
        }
        return new SemanticReading(result);
    }

    private static (double Probability, int At) Best(double[][] probabilities, int head)
    {
        var best = -1.0;
        var at = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i][head] > best)
            {
                best = probabilities[i][head];
                at = i;
            }
        }
        return (Math.Max(0, best), at);
    }

    private float[][] EncodeSync(string[] texts) => encoder.Encode(texts);

    private ValueTask<float[][]> EncodeAsync(string[] texts, CancellationToken cancellationToken) => encoder.EncodeAsync(texts, cancellationToken);
}
