using CompanionBot.Appraisal.Semantic;
using CompanionBot.Concurrency;

namespace CompanionBot.Perception;

/// <summary>
/// Encodes the texts of concurrent callers together: the model costs far less per text in one call than in one call
/// per text, and concurrent pipelines otherwise fight over the same two cores.
/// <para>
/// A <see cref="LeaderFollowerBatcher{TRequest, TResult}"/> (as <c>Storage/GroupCommit</c>): a caller with nothing in
/// flight encodes its own texts at once; callers arriving meanwhile queue up and await (no thread held), and when the
/// call in flight returns the oldest of them leads the next call with everything queued (up to <see cref="MaxTexts"/>
/// texts). A lone message therefore never waits for a window, and under load the batch is whatever arrived during the
/// last call. <see cref="Encode"/> (the synchronous seam, for tools) waits on the same path.
/// </para>
/// <para>
/// Each call groups texts of similar length (the tokenizer pads a batch to its longest text), shortest first. A
/// failure of the model fails every caller of that call with it.
/// </para>
/// </summary>
public sealed class BatchingTextEncoder : ITextEncoder
{
    public const int DefaultMaxTexts = 32;

    private readonly ITextEncoder _inner;
    private readonly LeaderFollowerBatcher<IReadOnlyList<string>, float[][]> _batcher;
    private long _calls;

    public BatchingTextEncoder(ITextEncoder inner, int maxTexts = DefaultMaxTexts)
    {
        _inner = inner;
        MaxTexts = Math.Max(1, maxTexts);
        _batcher = new(Run, MaxTexts, texts => texts.Count);
    }

    public int Dimensions => _inner.Dimensions;

    /// <summary>The most texts one call to the model carries (a single caller's texts are never split over callers).</summary>
    public int MaxTexts { get; }

    /// <summary>Callers queued for the next call to the model (not counting the call in flight).</summary>
    public int Waiting => _batcher.Waiting;

    /// <summary>Calls made to the model so far (fewer than the calls to <see cref="Encode"/> when callers shared them).</summary>
    public long ModelCalls => Interlocked.Read(ref _calls);

    public float[][] Encode(IReadOnlyList<string> texts) => EncodeAsync(texts, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) return [];
        try
        {
            return await _batcher.RunAsync(texts).ConfigureAwait(false);
        }
        catch (EncoderUnavailableException unavailable)
        {
            // One exception object per caller: the callers of a failed call rethrow on their own threads.
            throw new EncoderUnavailableException(unavailable.Message, unavailable.InnerException);
        }
    }

    private IReadOnlyList<Completion<float[][]>> Run(IReadOnlyList<IReadOnlyList<string>> batch)
    {
        var results = batch.Select(texts => new float[texts.Count][]).ToArray();
        var all = batch.SelectMany((texts, r) => texts.Select((_, i) => (Request: r, Index: i))).ToArray();
        string Text((int Request, int Index) at) => batch[at.Request][at.Index];
        var order = Enumerable.Range(0, all.Length).OrderBy(k => Text(all[k]).Length).ToArray();
        for (var start = 0; start < order.Length;)
        {
            var shortest = Text(all[order[start]]).Length;
            var end = start + 1;
            while (end < order.Length && end - start < MaxTexts && Text(all[order[end]]).Length <= 2 * shortest + 40) end++;
            var group = order[start..end];
            Interlocked.Increment(ref _calls);
            var vectors = _inner.Encode(group.Select(k => Text(all[k])).ToArray());
            for (var g = 0; g < group.Length; g++) results[all[group[g]].Request][all[group[g]].Index] = vectors[g];
            start = end;
        }
        return results.Select(Completion<float[][]>.Of).ToArray();
    }
}
