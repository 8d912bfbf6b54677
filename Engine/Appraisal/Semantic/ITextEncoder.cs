namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Turns text into sentence vectors: one L2-normalised vector of <see cref="Dimensions"/> floats per text. The seam
/// between the pure appraiser and whatever model runs at the edge; implementations are thread-safe.
/// </summary>
public interface ITextEncoder
{
    int Dimensions { get; }

    /// <summary>One vector per text, in order. May block while the model loads; never returns null entries.</summary>
    float[][] Encode(IReadOnlyList<string> texts);

    /// <summary>As <see cref="Encode"/>, for callers that await (an encoder that queues callers awaits instead of blocking a thread).</summary>
    ValueTask<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) => ValueTask.FromResult(Encode(texts));
}
