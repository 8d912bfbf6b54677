using System.Diagnostics;
using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Bench;

/// <summary>
/// Passes every call to the encoder the pipeline uses and counts what went through it, so the bench can show that the
/// measured pipeline really encoded each message (a failed load falls back to the lexicon silently, by design), and
/// how long the pipeline spent inside the encoder.
/// </summary>
public sealed class CountingTextEncoder(ITextEncoder inner) : ITextEncoder
{
    private long _calls;
    private long _texts;
    private long _ticks;

    public int Dimensions => inner.Dimensions;

    /// <summary>Calls that returned vectors (a call that threw is not counted).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Texts encoded by those calls.</summary>
    public long Texts => Interlocked.Read(ref _texts);

    /// <summary>Wall time inside those calls (queueing behind a shared model call included).</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var start = Stopwatch.GetTimestamp();
        var vectors = inner.Encode(texts);
        Count(texts.Count, start);
        return vectors;
    }

    public async ValueTask<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var vectors = await inner.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);
        Count(texts.Count, start);
        return vectors;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _texts, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }

    private void Count(int texts, long start)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts);
    }
}
