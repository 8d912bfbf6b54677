using CompanionBot.Tests.Support;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompanionBot.Tests.Transport.Discord;

[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordRestTests
{
    [Test]
    public async Task CreateMessage_GlobalRateLimit_PausesOtherRequestsButNotInteractionCallbacks()
    {
        var limited = 0;
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && Interlocked.Increment(ref limited) == 1
                ? new ScriptedResponse(429, """{"message":"global","retry_after":4,"global":true}""", new Dictionary<string, string> { ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" })
                : null);
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "hi"));
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(4), armed);
        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordInteractionTests.Interaction("700000000000000001", "rapport", "view", null));
        await bot.Fake.Requests.WaitForAsync(r => r.Path.StartsWith("interactions/700000000000000001/", StringComparison.Ordinal), "the interaction callback during the global pause");
        var beforeSecond = bot.Clock.Armed.Count;
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000002", "other channel", channelId: "300000000000000002", authorId: "100000000000000002"));
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(4), beforeSecond); // the other channel's first request waits out the pause
        Assert.That(bot.Fake.Requests.Snapshot().Where(r => r.Path.StartsWith("channels/300000000000000002/", StringComparison.Ordinal)), Is.Empty,
            "the global pause holds every bot-authenticated request");

        bot.Clock.Advance(TimeSpan.FromSeconds(4));
        await bot.ReplyToAsync("500000000000000001");
        await bot.ReplyToAsync("500000000000000002");
    }

    [Test]
    public async Task CreateMessage_ServerErrorThenSuccess_RetriedOnceWithSameNonce()
    {
        var calls = 0;
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && Interlocked.Increment(ref calls) == 1
                ? new ScriptedResponse(502, "")
                : null);
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000003", "hello"));
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(0.75), armed); // 1 s × (0.5 + jitter/2)
        bot.Clock.Advance(TimeSpan.FromSeconds(0.75));
        await bot.ReplyToAsync("500000000000000003");

        var attempts = bot.Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { 502, 200 }));
        Assert.That((string?)attempts[1].Body?["nonce"], Is.EqualTo((string?)attempts[0].Body?["nonce"]));
        Assert.That((bool?)attempts[1].Body?["enforce_nonce"], Is.True);
    }

    [Test]
    public void CountInvalid_NearCloudflareLimit_StopsUntilWindowPasses()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RestRateLimiter(clock, NullLogger<RestRateLimiter>.Instance);

        for (var i = 0; i < RestRateLimiter.InvalidRequestStopAt - 1; i++) limiter.CountInvalid(403, null);
        var before = limiter.InvalidRequestBudgetExhausted;
        limiter.CountInvalid(429, "shared");
        var afterShared = limiter.InvalidRequestBudgetExhausted;
        limiter.CountInvalid(401, null);
        var atLimit = limiter.InvalidRequestBudgetExhausted;
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.False);
            Assert.That(afterShared, Is.False, "shared-scope 429s do not count");
            Assert.That(atLimit, Is.True);
            Assert.That(limiter.InvalidRequestBudgetExhausted, Is.False, "the 10-minute window passed");
        });
    }

    [Test]
    public void Parse_DmInteraction_HasUserAndNoPermissions()
    {
        var json = DiscordInteractionTests.Interaction("1", "rapport", "view", guildId: null);
        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());

        var parsed = InteractionCreate.Parse(document.RootElement)!;

        Assert.That(parsed.GuildId, Is.Null);
        Assert.That(parsed.MemberPermissions, Is.Null);
        Assert.That(parsed.InvokerId, Is.EqualTo("100000000000000001"));
    }
}
