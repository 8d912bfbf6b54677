using System.Diagnostics;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Telemetry;

namespace CompanionBot.Perception;

/// <summary>Records how long each call to the sentence encoder's model takes (companion.encoder.duration); texts are never recorded.</summary>
public sealed class TimedTextEncoder(ITextEncoder inner, CompanionMetrics metrics) : ITextEncoder
{
    public int Dimensions => inner.Dimensions;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.Encode(texts);
        }
        finally
        {
            metrics.EncoderCall(Stopwatch.GetElapsedTime(started));
        }
    }
}
