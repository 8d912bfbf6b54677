using System.Text.Json.Nodes;
using CompanionBot.Storage;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Answering messages against a fake that enforces Discord's rules.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordMessageRulesTests
{
    private const string Guild = "400000000000000001";
    private const string Channel = "300000000000000001";
    private static readonly TimeSpan Block = TimeSpan.FromSeconds(60);

    /// <summary>Message resource, "Create Message": a reply needs Read Message History, else 160002.</summary>
    [Test]
    public async Task Reply_NoReadMessageHistory_SentAgainWithoutReference()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.Rules.NoReadHistoryChannels[Channel] = true);
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000001", "hi there"));
        var sent = await bot.Fake.Requests.WaitForAsync(r => r.Path == $"channels/{Channel}/messages" && r.Status == 200, "the reply");

        var attempts = bot.Fake.Sent("POST", $"channels/{Channel}/messages");
        Assert.Multiple(() =>
        {
            Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { 400, 200 }));
            Assert.That(sent.Body?.AsObject().ContainsKey("message_reference"), Is.False);
            Assert.That((string?)sent.Body?["content"], Is.Not.Empty);
        });
    }

    /// <summary>
    /// Rate Limits topic, "Invalid Request Limit" / Cloudflare: an HTML 429 without a JSON body is an IP block; the bot
    /// pauses every request instead of trying each one again after a default wait.
    /// </summary>
    [Test]
    public async Task CreateMessage_CloudflareHtml429_PausesEveryRequestAndDoesNotRetry()
    {
        var first = 0;
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Path == $"channels/{Channel}/messages" && Interlocked.Increment(ref first) == 1
                ? new ScriptedResponse(429, "<html><body>error code: 1015</body></html>", new Dictionary<string, string> { ["Retry-After"] = "60" }) : null);
        var gateway = await bot.ReadyAsync();
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000002", "hello?"));
        await bot.Logs.WaitForAsync(l => l.Contains("Cloudflare", StringComparison.Ordinal), "the bot's reading of the HTML 429");
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000003", "anyone?", channelId: "300000000000000002"));
        await bot.Clock.WhenArmedAsync(Block, armed);
        Assert.That(bot.Fake.Sent("POST", "channels/300000000000000002/"), Is.Empty, "nothing sent while Cloudflare blocks us");
        bot.Clock.Advance(Block);
        await bot.Fake.Requests.WaitForAsync(r => r.Path == "channels/300000000000000002/messages" && r.Status == 200, "the reply after the pause");

        Assert.That(bot.Fake.Sent("POST", $"channels/{Channel}/messages"), Has.Count.EqualTo(1), "the blocked send was not retried");
    }

    /// <summary>Permissions topic, "Role Object": a bot's managed role has tags.bot_id; mentioning it addresses the bot.</summary>
    [Test]
    public async Task MessageCreate_BotRoleMentioned_Replies()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        await gateway.DispatchAsync("GUILD_CREATE", new JsonObject
        {
            ["id"] = Guild,
            ["roles"] = new JsonArray(
                new JsonObject { ["id"] = Guild, ["name"] = "@everyone" },
                new JsonObject { ["id"] = "600000000000000001", ["name"] = "companion", ["tags"] = new JsonObject { ["bot_id"] = FakeDiscord.BotUserId } }),
        });
        var message = DiscordHarness.Message("530000000000000004", "<@&600000000000000001> are you there?", Guild);
        message["mention_roles"] = new JsonArray("600000000000000001");

        await gateway.DispatchAsync("MESSAGE_CREATE", message);

        await bot.ReplyToAsync("530000000000000004");
    }

    /// <summary>
    /// Gateway doc, "Heartbeat Interval" / the sink contract: the receive loop must never wait, so the always-answer
    /// channel check reads memory. With the database lock held by a long write, a plain guild message and a requested
    /// heartbeat still go through at once.
    /// </summary>
    [Test]
    public async Task MessageCreate_DatabaseBusy_ReceiveLoopDoesNotWaitForIt()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var database = bot.Services.GetRequiredService<SqliteDatabase>();
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource();
        var writer = Task.Run(() => database.Write((_, _) =>
        {
            holding.SetResult();
            release.Wait(TimeSpan.FromSeconds(20));
            return 0;
        }));
        await holding.Task;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("530000000000000005", "just chatting", Guild, channelId: "300000000000000005"));
        var mark = gateway.Frames.Count;
        await gateway.SendOpAsync(1, null);
        try
        {
            await gateway.Frames.WaitForAsync(f => (int?)f["op"] == 1, "the requested heartbeat while the database is busy (the receive loop waited on it)", mark);
        }
        finally
        {
            release.Set();
            await writer;
        }
    }
}
