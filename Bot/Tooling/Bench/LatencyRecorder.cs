using System.Diagnostics;

namespace CompanionBot.Bench;

/// <summary>
/// One latency per message, stored as 0.1 microsecond units in a preallocated array (4 bytes a message), written
/// lock-free at the message's own index. Percentiles are nearest-rank over the sorted samples.
/// </summary>
public sealed class LatencyRecorder
{
    private const double UnitsPerMillisecond = 10_000.0;
    private readonly int[] _samples;

    public LatencyRecorder(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _samples = new int[count];
    }

    public int Count => _samples.Length;

    public void Record(long index, long stopwatchTicks)
    {
        var units = stopwatchTicks * (UnitsPerMillisecond * 1000.0) / Stopwatch.Frequency;
        _samples[index] = units >= int.MaxValue ? int.MaxValue : (int)Math.Round(units);
    }

    /// <summary>Sorts the samples (the recorder is done after this) and summarises them in milliseconds.</summary>
    public LatencySummary Summarise()
    {
        if (_samples.Length == 0) return new LatencySummary(0, 0, 0, 0);
        Array.Sort(_samples);
        double sum = 0;
        foreach (var s in _samples) sum += s;
        return new LatencySummary(
            Percentile(_samples, 50) / UnitsPerMillisecond,
            Percentile(_samples, 99) / UnitsPerMillisecond,
            _samples[^1] / UnitsPerMillisecond,
            sum / _samples.Length / UnitsPerMillisecond);
    }

    /// <summary>Nearest-rank percentile of ascending <paramref name="sorted"/>: the smallest sample with at least p% at or below it.</summary>
    public static int Percentile(IReadOnlyList<int> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

public sealed record LatencySummary(double P50Ms, double P99Ms, double MaxMs, double MeanMs);
