using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Bench;

/// <summary>
/// Passes every call to the encoder the pipeline uses and counts what went through it, so the bench can show that the
/// measured pipeline really encoded each message (a failed load falls back to the lexicon silently, by design).
/// </summary>
public sealed class CountingTextEncoder(ITextEncoder inner) : ITextEncoder
{
    private long _calls;
    private long _texts;

    public int Dimensions => inner.Dimensions;

    /// <summary>Calls that returned vectors (a call that threw is not counted).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Texts encoded by those calls.</summary>
    public long Texts => Interlocked.Read(ref _texts);

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var vectors = inner.Encode(texts);
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        return vectors;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _texts, 0);
    }
}
