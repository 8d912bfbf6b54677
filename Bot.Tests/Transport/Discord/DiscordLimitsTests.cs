using System.Text.Json.Nodes;
using CompanionBot.Tests.Support;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging.Abstractions;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Rate limits and pacing: gateway sends, identify spacing, REST buckets, close-code table, sharding.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordLimitsTests
{
    [Test]
    public void SlidingWindow_OrdinarySends_LeaveReserveForHeartbeatsUntilWindowSlides()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowLimiter(GatewaySocket.SendsPerMinute, TimeSpan.FromSeconds(60), clock);

        for (var i = 0; i < GatewaySocket.OrdinarySendsPerMinute; i++) Assert.That(limiter.TryTake(GatewaySocket.OrdinarySendsPerMinute), Is.Null);
        var ordinaryWait = limiter.TryTake(GatewaySocket.OrdinarySendsPerMinute);
        var critical = Enumerable.Range(0, 5).Select(_ => limiter.TryTake()).ToList();
        var overLimit = limiter.TryTake();
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(ordinaryWait, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(critical, Is.All.Null, "heartbeats use the reserve");
            Assert.That(overLimit, Is.Not.Null, "never more than 120 in 60 s");
            Assert.That(limiter.TryTake(GatewaySocket.OrdinarySendsPerMinute), Is.Null, "the window slid");
        });
    }

    [Test]
    public async Task IdentifyThrottle_SameKey_SpacedFiveSeconds_OtherKeyNot()
    {
        var clock = new SignallingClock();
        var throttle = new IdentifyThrottle(clock, NullLogger<IdentifyThrottle>.Instance);
        throttle.Configure(new SessionStartLimit(1000, 1000, TimeSpan.FromHours(1), MaxConcurrency: 2));

        await throttle.WaitTurnAsync(0, CancellationToken.None);
        await throttle.WaitTurnAsync(1, CancellationToken.None); // key 1: its own bucket, no wait
        var third = throttle.WaitTurnAsync(2, CancellationToken.None); // key 0 again
        await clock.WhenArmedAsync(IdentifyThrottle.Spacing);
        Assert.That(third.IsCompleted, Is.False);
        clock.Advance(IdentifyThrottle.Spacing);
        await third.WaitAsync(Signals<int>.Guard);

        Assert.That(throttle.Remaining, Is.EqualTo(997));
    }

    [Test]
    public async Task IdentifyThrottle_BudgetUsedUp_WaitsForReset()
    {
        var clock = new SignallingClock();
        var throttle = new IdentifyThrottle(clock, NullLogger<IdentifyThrottle>.Instance);
        throttle.Configure(new SessionStartLimit(1000, 0, TimeSpan.FromMinutes(30), 1));

        var identify = throttle.WaitTurnAsync(0, CancellationToken.None);
        await clock.WhenArmedAsync(TimeSpan.FromMinutes(30));
        Assert.That(identify.IsCompleted, Is.False, "no identify with an empty budget");
        clock.Advance(TimeSpan.FromMinutes(30));
        await identify.WaitAsync(Signals<int>.Guard);
    }

    [TestCase(null, AfterClose.Resume)]
    [TestCase(1000, AfterClose.Resume)]
    [TestCase(1001, AfterClose.Resume)]
    [TestCase(4000, AfterClose.Resume)]
    [TestCase(4001, AfterClose.Resume)]
    [TestCase(4002, AfterClose.Resume)]
    [TestCase(4003, AfterClose.Identify)]
    [TestCase(4004, AfterClose.Fatal)]
    [TestCase(4005, AfterClose.Identify)]
    [TestCase(4007, AfterClose.Identify)]
    [TestCase(4008, AfterClose.Resume)]
    [TestCase(4009, AfterClose.Identify)]
    [TestCase(4010, AfterClose.Fatal)]
    [TestCase(4011, AfterClose.Fatal)]
    [TestCase(4012, AfterClose.Fatal)]
    [TestCase(4013, AfterClose.Fatal)]
    [TestCase(4014, AfterClose.Fatal)]
    [TestCase(4999, AfterClose.Resume)]
    public void CloseCodePolicy_Code_MapsToAction(int? code, AfterClose expected)
    {
        var (action, fix) = CloseCodePolicy.For(code);

        Assert.That(action, Is.EqualTo(expected));
        Assert.That(fix is not null, Is.EqualTo(expected == AfterClose.Fatal), "every fatal code says what to fix");
    }

    [Test]
    public async Task CreateMessage_BucketExhausted_WaitsForResetOnlyInThatChannel()
    {
        const string ChannelA = "300000000000000001";
        const string ChannelB = "300000000000000002";
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Method == "POST" && r.Path == $"channels/{ChannelA}/messages"
                ? new ScriptedResponse(200, """{"id":"1"}""", new Dictionary<string, string>
                {
                    ["X-RateLimit-Bucket"] = "messages-bucket",
                    ["X-RateLimit-Limit"] = "5",
                    ["X-RateLimit-Remaining"] = "0",
                    ["X-RateLimit-Reset-After"] = "1.5",
                })
                : null);
        var gateway = await bot.ReadyAsync();
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "first", channelId: ChannelA));
        await bot.ReplyToAsync("500000000000000001");
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000002", "second", channelId: ChannelA, authorId: "100000000000000002"));
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(1.5), armed);
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000003", "elsewhere", channelId: ChannelB, authorId: "100000000000000003"));
        await bot.ReplyToAsync("500000000000000003");
        Assert.That(bot.RepliesTo("500000000000000002"), Is.Empty, "channel A waits for its bucket to reset");
        bot.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await bot.ReplyToAsync("500000000000000002");
    }

    [Test]
    public async Task RunAsync_TwoShardsConfigured_IdentifiesEachShardFiveSecondsApart()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ShardCount"] = "2" });

        var first = await bot.Fake.ConnectionAsync(0);
        var second = await bot.Fake.ConnectionAsync(1);
        var identified = await Task.WhenAny(first.WaitForOpAsync(2), second.WaitForOpAsync(2));
        await bot.Clock.WhenArmedAsync(IdentifyThrottle.Spacing);
        Assert.That(first.HasSentOp(2) && second.HasSentOp(2), Is.False, "the second shard waits its turn");
        bot.Clock.Advance(IdentifyThrottle.Spacing);
        var shards = new[] { await first.WaitForOpAsync(2), await second.WaitForOpAsync(2) }
            .Select(f => f["d"]!["shard"]!.ToJsonString()).Order().ToList();

        Assert.That(shards, Is.EqualTo(new[] { "[0,2]", "[1,2]" }));
        Assert.That(await identified, Is.Not.Null);
    }

    [Test]
    public async Task RunAsync_ShardIdOutsideCount_StopsNamingTheSetting()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Discord:ShardCount"] = "2",
            ["Discord:ShardIds:0"] = "2",
        });

        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.That(result.FatalMessage, Does.Contain("Discord:ShardIds"));
        Assert.That(bot.Fake.Connections.Count, Is.Zero);
    }

    [Test]
    public async Task RunAsync_GatewayBotAnswers401_StopsNamingTheToken()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r => r.Path == "gateway/bot" ? new ScriptedResponse(401, """{"message":"401: Unauthorized","code":0}""") : null);

        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.That(result.FatalMessage, Does.Contain("Discord:Token"));
        Assert.That(bot.Fake.Sent("GET", "gateway/bot"), Has.Count.EqualTo(1), "a bad token is not retried");
    }

    [Test]
    public async Task CreateMessage_Answers401_StopsTheBotNamingTheToken()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Path.EndsWith("/messages", StringComparison.Ordinal) ? new ScriptedResponse(401, """{"message":"401: Unauthorized","code":0}""") : null);
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "hello"));
        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.That(result.FatalMessage, Does.Contain("Discord:Token").And.Contain("401"));
        Assert.That(await gateway.ClientClosed.Task.WaitAsync(Signals<int>.Guard), Is.EqualTo(1000));
    }

    [Test]
    public async Task Connect_CachedGatewayUrlKeepsFailing_FetchesGatewayBotAgain()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.FirstGatewayPath = "/dead");
        var armed = 0;

        foreach (var backoff in new[] { 0.75, 1.5 }) // 2^(n-1) s × (0.5 + jitter/2)
        {
            await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(backoff), armed);
            armed = bot.Clock.Armed.Count;
            bot.Clock.Advance(TimeSpan.FromSeconds(backoff));
        }
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(3), armed);
        bot.Clock.Advance(TimeSpan.FromSeconds(3));
        var connection = await bot.Fake.ConnectionAsync(0);

        Assert.That(connection.Path, Is.EqualTo("/gateway"));
        Assert.That(bot.Fake.Sent("GET", "gateway/bot"), Has.Count.EqualTo(2), "fetched again after the third failure, not on every one");
        Assert.That(bot.Fake.Sent("GET", "dead"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Resume_ResumeUrlRefused_FallsBackToMainUrl()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.RefuseResumeConnections = true);
        var first = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await first.SendOpAsync(7, null);
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(1.5), armed); // second trouble in a row: 2 s × (0.5 + jitter/2)
        bot.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var fallback = await bot.Fake.ConnectionAsync(1);

        Assert.That(fallback.Path, Is.EqualTo("/gateway"));
        Assert.That((string?)(await fallback.WaitForOpAsync(6))["d"]?["session_id"], Is.EqualTo(FakeDiscord.SessionId), "the session is still tried first");
    }

    /// <summary>Gateway doc, "Connecting": the url comes from /gateway/bot; an unusable answer is asked again, backing off 2^n s × jitter.</summary>
    [Test]
    public async Task RunAsync_GatewayBotUnreadable_AsksAgainWithGrowingWaits()
    {
        var calls = 0;
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Path == "gateway/bot" && Interlocked.Increment(ref calls) <= 2 ? new ScriptedResponse(200, "{}") : null);

        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(1.5)); // 2 s × (0.5 + 0.5 / 2)
        Assert.That(bot.Fake.Sent("GET", "gateway/bot"), Has.Count.EqualTo(1));
        bot.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(3)); // 4 s × 0.75
        Assert.That(bot.Fake.Sent("GET", "gateway/bot"), Has.Count.EqualTo(2));
        bot.Clock.Advance(TimeSpan.FromSeconds(3));

        await bot.ReadyAsync();
        Assert.That(bot.Fake.Sent("GET", "gateway/bot"), Has.Count.EqualTo(3));
    }
}
