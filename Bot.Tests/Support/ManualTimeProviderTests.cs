namespace CompanionBot.Tests.Support;

public sealed class ManualTimeProviderTests
{
    [Test]
    public async Task Delay_CompletesOnlyWhenAdvancedPastDueTime()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(delay.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));
        await delay;
        Assert.That(delay.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void Advance_PeriodicTimer_FiresOncePerPeriod()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(16));
        Assert.That(fired, Is.EqualTo(3));
    }
}
