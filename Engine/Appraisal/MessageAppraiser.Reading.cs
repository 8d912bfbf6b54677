using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Appraisal;

/// <summary>The text-only half of the appraiser: the lexicon, then the encoder and heads (see <see cref="MessageReading"/>).</summary>
public sealed partial class MessageAppraiser
{
    /// <summary>
    /// The text-only part of the appraisal: the lexicon and, with a <see cref="SemanticReader"/>, the encoder and the
    /// heads. The costly step, done once per message; <see cref="Appraise(MessageReading, CarriedRisk, DateTimeOffset)"/>
    /// finishes it against a state.
    /// </summary>
    public MessageReading Read(string text)
    {
        if (text.Length > MaxAppraisedLength) text = text[..MaxAppraisedLength];
        var (normalized, signals, sources, evidence) = Lexical(text);
        var reading = Semantic(text, evidence);
        return Merged(text, normalized, signals, sources, evidence, reading);
    }

    /// <summary>As <see cref="Read"/>, with the encoder awaited rather than waited for (the pipeline's path).</summary>
    public async ValueTask<MessageReading> ReadAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Length > MaxAppraisedLength) text = text[..MaxAppraisedLength];
        var (normalized, signals, sources, evidence) = Lexical(text);
        var reading = await SemanticAsync(text, evidence, cancellationToken).ConfigureAwait(false);
        return Merged(text, normalized, signals, sources, evidence, reading);
    }

    private (string Normalized, Dictionary<Signal, double> Signals, Dictionary<Signal, string> Sources, List<string> Evidence) Lexical(string text)
    {
        var normalized = TextNormalizer.Normalize(text, lexicon);
        var signals = new Dictionary<Signal, double>();
        var sources = new Dictionary<Signal, string>();
        var evidence = new List<string>();
        var lines = string.Join('\n', Sentences(normalized));
        foreach (var entry in lexicon.Signals)
        {
            var strength = Match(entry, lines, out var matched, out var pattern);
            if (strength <= 0) continue;
            Raise(signals, entry.Signal, strength);
            sources[entry.Signal] = "lexicon /" + (pattern.Length > 60 ? pattern[..57] + "..." : pattern) + "/";
            evidence.Add($"{Common.WireNames.Of(entry.Signal)}: \"{matched}\"");
        }
        return (normalized, signals, sources, evidence);
    }

    private static MessageReading Merged(string text, string normalized, Dictionary<Signal, double> signals, Dictionary<Signal, string> sources,
        List<string> evidence, SemanticReading reading)
    {
        SemanticMerge.Apply(reading, signals, sources, evidence);
        return new MessageReading(text, normalized, signals, sources, evidence, reading);
    }

    private SemanticReading Semantic(string text, List<string> evidence)
    {
        if (semantic is null) return SemanticReading.None;
        try
        {
            return semantic.Read(Sentences(text).ToArray(), text);
        }
        catch (EncoderUnavailableException)
        {
            evidence.Add(EncoderUnavailable);
            return SemanticReading.None;
        }
    }

    private async ValueTask<SemanticReading> SemanticAsync(string text, List<string> evidence, CancellationToken cancellationToken)
    {
        if (semantic is null) return SemanticReading.None;
        try
        {
            return await semantic.ReadAsync(Sentences(text).ToArray(), text, cancellationToken).ConfigureAwait(false);
        }
        catch (EncoderUnavailableException)
        {
            evidence.Add(EncoderUnavailable);
            return SemanticReading.None;
        }
    }

    private const string EncoderUnavailable = "semantic: encoder unavailable, lexicon only";
}
