using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Appraisal;

/// <summary>
/// The part of an appraisal that depends on the text alone: what the lexicon matched and what the encoder and heads
/// read. It is the costly part (the sentence encoder), so it is computed once per message and handed on: the
/// pipeline's arrival screen reads a message, and its turn finishes the same reading against the state it loads
/// (<see cref="MessageAppraiser.Appraise(MessageReading, CarriedRisk, DateTimeOffset)"/>), which is
/// cheap and gives exactly what appraising the text again would.
/// </summary>
public sealed record MessageReading
{
    internal MessageReading(string text, string normalized, IReadOnlyDictionary<Signal, double> signals, IReadOnlyDictionary<Signal, string> sources,
        IReadOnlyList<string> evidence, SemanticReading semantic)
    {
        Text = text;
        Normalized = normalized;
        Signals = signals;
        Sources = sources;
        Evidence = evidence;
        Semantic = semantic;
    }

    /// <summary>The text read (cut at <see cref="MessageAppraiser.MaxAppraisedLength"/>).</summary>
    public string Text { get; }

    internal string Normalized { get; }

    /// <summary>The lexicon's signals merged with the trusted heads', before the state-dependent rules.</summary>
    internal IReadOnlyDictionary<Signal, double> Signals { get; }

    internal IReadOnlyDictionary<Signal, string> Sources { get; }

    internal IReadOnlyList<string> Evidence { get; }

    /// <summary>What the heads read (<see cref="SemanticReading.None"/> for the lexicon alone).</summary>
    public SemanticReading Semantic { get; }
}
