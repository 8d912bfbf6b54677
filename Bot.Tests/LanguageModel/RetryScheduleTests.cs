using CompanionBot.LanguageModel;

namespace CompanionBot.Tests.LanguageModel;

public sealed class RetryScheduleTests
{
    private static RetrySchedule Schedule(double random) => new(
        new LlmOptions { RetryBaseDelaySeconds = 0.5, RetryMaxDelaySeconds = 8, RetryJitter = 0.25, RetryAfterCapSeconds = 20 },
        new FixedRandom(random));

    [TestCase(1, 0.5)]
    [TestCase(2, 1.0)]
    [TestCase(3, 2.0)]
    [TestCase(5, 8.0)]
    [TestCase(9, 8.0)]
    public void Backoff_NoJitterDrawn_DoublesUpToTheCap(int retry, double seconds) =>
        Assert.That(Schedule(0).Backoff(retry), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [Test]
    public void Backoff_JitterDrawn_TakesOffItsShare() =>
        Assert.That(Schedule(0.5).Backoff(2).TotalSeconds, Is.EqualTo(1.0 * (1 - 0.25 * 0.5)).Within(1e-9));

    [Test]
    public void DelayBefore_RetryAfterLongerThanBackoff_WaitsForRetryAfter() =>
        Assert.That(Schedule(0).DelayBefore(1, TimeSpan.FromSeconds(4)), Is.EqualTo(TimeSpan.FromSeconds(4)));

    [Test]
    public void DelayBefore_RetryAfterOverCap_IsNull() =>
        Assert.That(Schedule(0).DelayBefore(1, TimeSpan.FromSeconds(21)), Is.Null);
}
