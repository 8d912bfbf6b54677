using System.Text.Json.Nodes;
using CompanionBot.Tests.Transport.Discord.Fakes;

namespace CompanionBot.Tests.Transport.Discord;

[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordGatewayTests
{
    [Test]
    public async Task RunAsync_FreshStart_DiscoversGatewayIdentifiesWithIntentsAndHandlesReady()
    {
        await using var bot = await DiscordHarness.StartAsync();

        var connection = await bot.ReadyAsync();

        var discovery = bot.Fake.Requests.Snapshot().First();
        Assert.Multiple(() =>
        {
            Assert.That(discovery.ToString(), Is.EqualTo("GET gateway/bot -> 200"));
            Assert.That(discovery.Authorization, Is.EqualTo("Bot " + DiscordHarness.Token));
            Assert.That(discovery.UserAgent, Does.Match(@"^DiscordBot \(https?://\S+, \d+\.\d+\.\d+\)"));
            Assert.That(connection.Path, Is.EqualTo("/gateway"));
            Assert.That(connection.Query, Is.EqualTo("v=10&encoding=json"));
        });
        var identify = (await connection.WaitForOpAsync(2))["d"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)identify["token"], Is.EqualTo(DiscordHarness.Token));
            Assert.That((int?)identify["intents"], Is.EqualTo(37377));
            Assert.That((string?)identify["properties"]?["os"], Is.Not.Null.And.Not.Empty);
            Assert.That((string?)identify["properties"]?["browser"], Is.EqualTo("companionbot"));
            Assert.That(identify["shard"]?.ToJsonString(), Is.EqualTo("[0,1]"));
        });
        var registration = bot.Fake.Sent("PUT", "applications/").Single();
        Assert.That(registration.Path, Is.EqualTo($"applications/{FakeDiscord.ApplicationId}/commands"), "READY's application id is used");
        Assert.That(registration.Body!.AsArray().Select(c => (string?)c!["name"]), Does.Contain("rapport"));
        Assert.That(await bot.StopAsync(), Has.Property("IsFatal").False);
        Assert.That(await connection.ClientClosed.Task.WaitAsync(Signals<int>.Guard), Is.EqualTo(1000), "a clean stop closes with 1000");
    }

    [Test]
    public async Task Heartbeat_FirstBeat_SentAfterJitteredIntervalWithLastSequence()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000);
        var connection = await bot.ReadyAsync();

        bot.Clock.Advance(TimeSpan.FromMilliseconds(499));
        // a requested heartbeat goes through the same single writer: once it arrives, a beat queued at 499 ms would have too
        await connection.SendOpAsync(1, null);
        await connection.WaitForOpAsync(1);
        var beforeDue = connection.Frames.Snapshot().Count(f => (int?)f["op"] == 1);
        bot.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var mark = connection.Frames.Count;
        var beat = await connection.WaitForOpAsync(1, mark);

        Assert.That(beforeDue, Is.EqualTo(1), "only the requested beat before interval × jitter (500 ms)");
        Assert.That((long?)beat["d"], Is.EqualTo(1), "d carries the READY sequence");
    }

    [Test]
    public async Task Heartbeat_AckMissing_ClosesZombieAndResumesOnResumeUrl()
    {
        await using var bot = await DiscordHarness.StartAsync(f =>
        {
            f.HeartbeatIntervalMs = 1000;
            f.AckHeartbeats = false;
        });
        var first = await bot.ReadyAsync();

        bot.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await first.WaitForOpAsync(1);
        Assert.That(bot.Fake.Connections.Count, Is.EqualTo(1), "one unanswered beat is not yet a zombie");
        bot.Clock.Advance(TimeSpan.FromMilliseconds(1000));

        var closeCode = await first.ClientClosed.Task.WaitAsync(Signals<int>.Guard);
        var second = await bot.Fake.ConnectionAsync(1);
        var resume = (await second.WaitForOpAsync(6))["d"]!;
        Assert.Multiple(() =>
        {
            Assert.That(closeCode, Is.Not.Null.And.Not.EqualTo(1000).And.Not.EqualTo(1001), "a resumable close code");
            Assert.That(second.Path, Is.EqualTo("/gateway-resume"));
            Assert.That(second.Query, Is.EqualTo("v=10&encoding=json"));
            Assert.That((string?)resume["session_id"], Is.EqualTo(FakeDiscord.SessionId));
            Assert.That((long?)resume["seq"], Is.EqualTo(1));
            Assert.That((string?)resume["token"], Is.EqualTo(DiscordHarness.Token));
            Assert.That(second.HasSentOp(2), Is.False, "resume, not a new identify");
        });
    }

    [Test]
    public async Task Heartbeat_RequestedByServer_SentAtOnceWithoutZombieClose()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.AckHeartbeats = false);
        var connection = await bot.ReadyAsync();

        await connection.SendOpAsync(1, null);
        await connection.WaitForOpAsync(1);
        await connection.SendOpAsync(1, null);
        var mark = connection.Frames.Count;
        await connection.WaitForOpAsync(1, mark - 1);

        Assert.That(connection.ClientClosed.Task.IsCompleted, Is.False);
        Assert.That(bot.Fake.Connections.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Reconnect_Op7_ClosesAndResumesOnResumeUrl()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();
        await first.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });

        await first.SendOpAsync(7, null);

        Assert.That(await first.ClientClosed.Task.WaitAsync(Signals<int>.Guard), Is.Not.EqualTo(1000).And.Not.EqualTo(1001));
        var second = await bot.Fake.ConnectionAsync(1);
        var resume = (await second.WaitForOpAsync(6))["d"]!;
        Assert.That(second.Path, Is.EqualTo("/gateway-resume"));
        Assert.That((long?)resume["seq"], Is.EqualTo(2), "the latest sequence seen");
    }

    [Test]
    public async Task InvalidSession_NotResumable_IdentifiesAgainAfterPauseOnMainUrl()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await first.SendOpAsync(9, false);

        await first.ClientClosed.Task.WaitAsync(Signals<int>.Guard);
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(3), armed); // 1 s + 4 s × jitter 0.5
        Assert.That(bot.Fake.Connections.Count, Is.EqualTo(1), "waits before reconnecting");
        bot.Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await bot.Fake.ConnectionAsync(1);
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(2), armed); // the rest of the 5 s identify spacing
        Assert.That(second.HasSentOp(2), Is.False, "identify spacing is kept");
        bot.Clock.Advance(TimeSpan.FromSeconds(2));
        var identify = await second.WaitForOpAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(second.Path, Is.EqualTo("/gateway"), "a new session starts on the /gateway/bot url");
            Assert.That(second.HasSentOp(6), Is.False, "no resume of a dead session");
            Assert.That((int?)identify["d"]?["intents"], Is.EqualTo(37377));
        });
    }

    [Test]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();

        await first.SendOpAsync(9, true);

        var second = await bot.Fake.ConnectionAsync(1);
        await second.WaitForOpAsync(6);
        Assert.That(second.HasSentOp(2), Is.False);
    }

    [Test]
    public async Task Identify_NoReadyWithin15Seconds_StartsOverOnNewConnection()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.AutoReady = false);
        var first = await bot.Fake.ConnectionAsync(0);
        await first.WaitForOpAsync(2); // the READY deadline is armed before Identify is sent

        bot.Clock.Advance(TimeSpan.FromSeconds(15));

        await first.ClientClosed.Task.WaitAsync(Signals<int>.Guard);
        var second = await bot.Fake.ConnectionAsync(1);
        await second.WaitForOpAsync(2);
        Assert.That(second.Path, Is.EqualTo("/gateway"));
    }

    // Gateway doc, "Resuming": a close Discord sends, 1000 and 1001 included, leaves the session resumable
    [TestCase(1000)]
    [TestCase(1001)]
    [TestCase(4000)]
    [TestCase(4001)]
    [TestCase(4002)]
    [TestCase(4008)]
    public async Task Close_ResumableCode_Resumes(int code)
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();

        await first.CloseAsync(code, "test");

        var second = await bot.Fake.ConnectionAsync(1);
        await second.WaitForOpAsync(6);
        Assert.That(second.Path, Is.EqualTo("/gateway-resume"));
    }

    [TestCase(4003)]
    [TestCase(4007)]
    [TestCase(4009)]
    public async Task Close_SessionEndingCode_IdentifiesAnew(int code)
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await first.CloseAsync(code, "test");

        var second = await bot.Fake.ConnectionAsync(1);
        await bot.Clock.WhenArmedAsync(IdentifySpacing, armed);
        bot.Clock.Advance(IdentifySpacing);
        await second.WaitForOpAsync(2);
        Assert.That(second.Path, Is.EqualTo("/gateway"));
        Assert.That(second.HasSentOp(6), Is.False);
    }

    [TestCase(4004, "Discord:Token")]
    [TestCase(4010, "Discord:ShardIds")]
    public async Task Close_FatalCode_StopsWithMessageNamingTheFix(int code, string fix)
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.OnIdentify = (c, _) => c.CloseAsync(code, "nope"));

        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFatal, Is.True);
            Assert.That(result.FatalMessage, Does.Contain(fix).And.Contain(code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(bot.Fake.Connections.Count, Is.EqualTo(1), "no reconnect after a fatal close");
        });
    }

    /// <summary>
    /// Opcodes and Status Codes, 4014 "Disallowed intent(s)": MESSAGE_CONTENT lapsed. The bot identifies again without
    /// it (one log line) instead of going dark; DMs and mentions still carry their text.
    /// </summary>
    [Test]
    public async Task Close4014_MessageContentRefused_IdentifiesWithoutItAndKeepsAnswering()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.OnIdentify = async (c, identify) =>
        {
            if (((int?)identify["d"]?["intents"] & (1 << 15)) != 0) await c.CloseAsync(4014, "Disallowed intent(s).");
            else await f.StartSessionAsync(c, identify);
        });
        var first = await bot.Fake.ConnectionAsync(0);
        await first.WaitForOpAsync(2);
        var armed = bot.Clock.Armed.Count;
        var second = await bot.Fake.ConnectionAsync(1);
        await bot.Clock.WhenArmedAsync(IdentifySpacing, armed);
        bot.Clock.Advance(IdentifySpacing);
        var identify = await second.WaitForOpAsync(2);
        await second.Frames.WaitForAsync(_ => second.Session is not null, "READY");
        await second.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("540000000000000001", "hi, still there?"));
        await bot.ReplyToAsync("540000000000000001");

        Assert.Multiple(() =>
        {
            Assert.That((int?)identify["d"]?["intents"], Is.EqualTo(37377 & ~(1 << 15)));
            Assert.That(bot.Run.IsCompleted, Is.False, "the bot keeps running");
            Assert.That(bot.Logs.Snapshot().Count(l => l.Contains("Message Content intent", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Identify_MessageContentIntentOff_NotRequested()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:MessageContentIntent"] = "false" });

        var connection = await bot.ReadyAsync();

        Assert.That((int?)(await connection.WaitForOpAsync(2))["d"]?["intents"], Is.EqualTo(4609));
    }

    /// <summary>Gateway doc, "Sharding": DMs are only sent to shard 0, so running without it must be said at start.</summary>
    [Test]
    public async Task RunAsync_ShardIdsWithoutShardZero_WarnsThatNoDmsArrive()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ShardCount"] = "2", ["Discord:ShardIds:0"] = "1" });

        await bot.Fake.ConnectionAsync(0);

        Assert.That(bot.Logs.Snapshot(), Has.Some.Contains("does not include shard 0").And.Contains("no DMs"));
    }

    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);
}
