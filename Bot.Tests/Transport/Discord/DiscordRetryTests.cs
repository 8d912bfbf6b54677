using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Rest;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// The transport's retries, on the manual clock with jitter fixed at 0.5 (every wait is 75% of its ceiling): REST 5xx
/// are retried a bounded number of times with growing waits, other 4xx never; shard reconnects back off up to a cap.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordRetryTests
{
    [Test]
    public async Task CreateMessage_ServerErrorEveryTime_RetriedThreeTimesWithGrowingWaitsThenGivesUp()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r => IsMessage(r) ? new ScriptedResponse(503, "") : null);
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000001", "anyone there?"));
        foreach (var wait in new[] { 0.75, 1.5, 3.0 }) // 1 s, 2 s, 4 s ceilings
        {
            await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(wait), armed);
            armed = bot.Clock.Armed.Count;
            bot.Clock.Advance(TimeSpan.FromSeconds(wait));
        }
        await bot.Logs.WaitForAsync(l => l.Contains("Reply to message 530000000000000001 not sent", StringComparison.Ordinal), "the reply given up");

        Assert.That(Attempts(bot).Select(a => a.Status), Is.EqualTo(new[] { 503, 503, 503, 503 }),
            $"one try and {DiscordRestClient.MaxServerErrorRetries} retries");
    }

    [TestCase(400, 50035)]
    [TestCase(403, 50013)]
    [TestCase(404, 10003)]
    public async Task CreateMessage_ClientError_NotRetried(int status, int code)
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r => IsMessage(r) ? FakeDiscordRules.Error(status, code, "refused") : null);
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000002", "hello"));
        await bot.Logs.WaitForAsync(l => l.Contains("Reply to message 530000000000000002 not sent", StringComparison.Ordinal), "the reply given up");

        Assert.That(Attempts(bot).Select(a => a.Status), Is.EqualTo(new[] { status }), "a 4xx is an answer, not trouble");
        Assert.That(bot.Clock.Armed.Snapshot().Skip(armed), Has.No.Member(TimeSpan.FromSeconds(0.75)), "no retry wait was started");
    }

    /// <summary>
    /// Discord stays unreachable: the drop is resumed at once, then every refused connection waits longer
    /// (2^(n-1) s × 0.75 for the n-th failure in a row) until the 5-minute ceiling, where it stays.
    /// </summary>
    [Test]
    public async Task Reconnect_GatewayKeepsRefusing_WaitsGrowThenStayCapped()
    {
        await using var bot = await DiscordHarness.StartAsync();
        await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;
        var capped = ShardSession.MaxBackoff.TotalSeconds * 0.75;

        bot.Fake.RefuseAllConnections = true;
        bot.Fake.DropAllConnections();
        var waits = new[] { 1.5, 3, 6, 12, 24, 48, 96, 192, capped, capped };
        var requests = 0;
        foreach (var wait in waits)
        {
            await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(wait), armed);
            armed = bot.Clock.Armed.Count;
            requests = bot.Fake.Requests.Count;
            bot.Clock.Advance(TimeSpan.FromSeconds(wait));
        }
        await bot.Fake.Requests.WaitForAsync(IsRefusedConnection, "the connection after the last wait", requests);

        Assert.That(bot.Fake.Requests.Snapshot().Count(IsRefusedConnection), Is.EqualTo(waits.Length + 1), "the resume at once, then one try after each wait");
        Assert.That(bot.Fake.Connections.Count, Is.EqualTo(1), "nothing got through while Discord refused");
    }

    [Test]
    public void After_RepeatedFailures_DoublesUpToTheCap()
    {
        var waits = Enumerable.Range(1, 8).Select(n => DiscordBackoff.After(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), 1.0).TotalSeconds);

        Assert.That(waits, Is.EqualTo(new[] { 1.0, 2, 4, 8, 16, 20, 20, 20 }));
    }

    [TestCase(0.0, 4.0)]
    [TestCase(0.5, 6.0)]
    [TestCase(0.999, 7.996)]
    public void After_Jitter_StaysBetweenHalfAndAllOfTheCeiling(double random, double seconds)
    {
        var wait = DiscordBackoff.After(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), random);

        Assert.That(wait.TotalSeconds, Is.EqualTo(seconds).Within(0.001));
    }

    private static bool IsMessage(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal);

    private static List<RecordedRequest> Attempts(DiscordHarness bot) => [.. bot.Fake.Sent("POST", "channels/").Where(IsMessage)];

    private static bool IsRefusedConnection(RecordedRequest r) => r.Status == 503 && r.Path.StartsWith("gateway", StringComparison.Ordinal);
}
