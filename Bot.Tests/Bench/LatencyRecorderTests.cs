using System.Diagnostics;
using CompanionBot.Bench;

namespace CompanionBot.Tests.Bench;

public sealed class LatencyRecorderTests
{
    private static readonly int[] OneToHundred = Enumerable.Range(1, 100).ToArray();

    [TestCase(50, 50)]
    [TestCase(99, 99)]
    [TestCase(100, 100)]
    [TestCase(0, 1)]
    [TestCase(1, 1)]
    [TestCase(99.5, 100)]
    public void Percentile_OneToHundred_IsNearestRank(double percent, int expected) =>
        Assert.That(LatencyRecorder.Percentile(OneToHundred, percent), Is.EqualTo(expected));

    [Test]
    public void Percentile_SingleSample_IsThatSampleForEveryPercent()
    {
        Assert.That(LatencyRecorder.Percentile([7], 50), Is.EqualTo(7));
        Assert.That(LatencyRecorder.Percentile([7], 99), Is.EqualTo(7));
    }

    [Test]
    public void Percentile_TenSamples_P99IsTheLargest() =>
        Assert.That(LatencyRecorder.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99), Is.EqualTo(10));

    [Test]
    public void Summarise_SamplesRecordedOutOfOrder_GivesMillisecondPercentiles()
    {
        var recorder = new LatencyRecorder(100);
        for (var i = 0; i < 100; i++)
        {
            // 100 - i milliseconds, written in descending order at ascending indexes.
            recorder.Record(i, (100 - i) * Stopwatch.Frequency / 1000);
        }

        var summary = recorder.Summarise();

        Assert.That(summary.P50Ms, Is.EqualTo(50).Within(0.001));
        Assert.That(summary.P99Ms, Is.EqualTo(99).Within(0.001));
        Assert.That(summary.MaxMs, Is.EqualTo(100).Within(0.001));
        Assert.That(summary.MeanMs, Is.EqualTo(50.5).Within(0.001));
    }

    [Test]
    public void Summarise_NoSamples_IsAllZero() =>
        Assert.That(new LatencyRecorder(0).Summarise(), Is.EqualTo(new LatencySummary(0, 0, 0, 0)));
}
