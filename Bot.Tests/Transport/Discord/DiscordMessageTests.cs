using System.Text.Json;
using System.Text.Json.Nodes;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordMessageTests
{
    private const string Guild = "400000000000000001";

    [Test]
    public async Task MessageCreate_Dm_OneReplyWithLockedMentionsAndReference()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "hi, how are you?"));
        var reply = await bot.ReplyToAsync("500000000000000001");
        await AnswerMarkerAsync(bot, gateway, null);

        AssertLockedDown(reply);
        Assert.That(bot.RepliesTo("500000000000000001"), Has.Count.EqualTo(1));
        Assert.That(bot.Fake.Sent("POST", "channels/300000000000000001/typing"), Is.Empty, "a quick reply costs one request: no typing");
    }

    [Test]
    public async Task MessageCreate_GuildMention_OneReplyWithLockedMentionsAndReference()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000002", $"<@{FakeDiscord.BotUserId}> hello there", Guild,
            mentions: [new JsonObject { ["id"] = FakeDiscord.BotUserId }]));
        var reply = await bot.ReplyToAsync("500000000000000002");
        await AnswerMarkerAsync(bot, gateway, Guild);

        AssertLockedDown(reply);
        Assert.That(bot.RepliesTo("500000000000000002"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Accept_MentionInText_StripsTheBotMentionAndScopesToGuild()
    {
        await using var bot = await DiscordHarness.StartAsync();
        await bot.ReadyAsync();
        var handler = bot.Services.GetRequiredService<DiscordMessageHandler>();
        var json = DiscordHarness.Message("500000000000000012", $"<@{FakeDiscord.BotUserId}> hello <@!{FakeDiscord.BotUserId}>there", Guild,
            mentions: [new JsonObject { ["id"] = FakeDiscord.BotUserId }]);
        using var document = JsonDocument.Parse(json.ToJsonString());

        var inbound = handler.Accept(MessageCreate.Parse(document.RootElement)!, bot.Clock.GetUtcNow());

        Assert.That(inbound, Is.Not.Null);
        Assert.That(inbound!.Text, Is.EqualTo("hello there"));
        Assert.That(inbound.Key.Scope, Is.EqualTo("guild:" + Guild));
        Assert.That(inbound.ReceivedAt, Is.EqualTo(bot.Clock.GetUtcNow()));
    }

    [Test]
    public async Task MessageCreate_GuildWithoutMention_NoReply()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000003", "just chatting with friends", Guild));
        await AnswerMarkerAsync(bot, gateway, Guild);

        Assert.That(bot.RepliesTo("500000000000000003"), Is.Empty);
        Assert.That(bot.Fake.Sent("POST", "channels/").Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)), Is.EqualTo(1), "only the marker was answered");
    }

    [Test]
    public async Task MessageCreate_AlwaysAnswerChannel_RepliesWithoutMention()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:AlwaysAnswerChannelIds:0"] = "300000000000000009" });
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000004", "anyone here?", Guild, channelId: "300000000000000009"));
        await AnswerMarkerAsync(bot, gateway, Guild, "300000000000000009");

        Assert.That(bot.RepliesTo("500000000000000004"), Has.Count.EqualTo(1), "a message without a mention in an always-answer channel is answered");
    }

    [Test]
    public async Task MessageCreate_ReplyToTheBot_Replies()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var message = DiscordHarness.Message("500000000000000005", "and what about you?", Guild);
        message["type"] = 19;
        message["referenced_message"] = new JsonObject { ["id"] = "1", ["author"] = new JsonObject { ["id"] = FakeDiscord.BotUserId } };

        await gateway.DispatchAsync("MESSAGE_CREATE", message);
        await AnswerMarkerAsync(bot, gateway, Guild);

        Assert.That(bot.RepliesTo("500000000000000005"), Has.Count.EqualTo(1), "a reply to the bot's message is answered without a mention");
    }

    [Test]
    public async Task MessageCreate_FromBotOrSelf_Ignored()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000006", "beep", bot: true, authorId: "200"));
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000007", "my own words", authorId: FakeDiscord.BotUserId));
        await AnswerMarkerAsync(bot, gateway, null);

        Assert.That(bot.RepliesTo("500000000000000006"), Is.Empty);
        Assert.That(bot.RepliesTo("500000000000000007"), Is.Empty);
    }

    [Test]
    public async Task MessageCreate_ReplayedSameId_RepliedOnce()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var message = DiscordHarness.Message("500000000000000008", "hey you");

        await gateway.DispatchAsync("MESSAGE_CREATE", message);
        await gateway.DispatchAsync("MESSAGE_CREATE", message.DeepClone());
        await AnswerMarkerAsync(bot, gateway, null);

        Assert.That(bot.RepliesTo("500000000000000008"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task MessageCreate_ReplayedAfterResume_RepliedOnce()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var first = await bot.ReadyAsync();
        var message = DiscordHarness.Message("500000000000000010", "are you there?");
        await first.DispatchAsync("MESSAGE_CREATE", message);
        await bot.ReplyToAsync("500000000000000010");

        await first.SendOpAsync(7, null);
        var second = await bot.Fake.ConnectionAsync(1);
        await second.WaitForOpAsync(6);
        await second.DispatchAsync("MESSAGE_CREATE", message.DeepClone(), 2);
        await AnswerMarkerAsync(bot, second, null);

        Assert.That(bot.RepliesTo("500000000000000010"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateMessage_RateLimited429_WaitedOutAndSentOnce()
    {
        var limited = 0;
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r =>
            r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && Interlocked.Increment(ref limited) == 1
                ? new ScriptedResponse(429, """{"message":"You are being rate limited.","retry_after":2.5,"global":false}""",
                    new Dictionary<string, string> { ["Retry-After"] = "3", ["X-RateLimit-Scope"] = "user" })
                : null);
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000011", "hello?"));
        await bot.Fake.Requests.WaitForAsync(r => r.Status == 429, "the 429");
        await bot.Clock.WhenArmedAsync(TimeSpan.FromSeconds(2.5), armed);
        Assert.That(bot.RepliesTo("500000000000000011"), Is.Empty, "nothing sent before retry_after passed");
        bot.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await bot.ReplyToAsync("500000000000000011");

        var attempts = bot.Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { 429, 200 }));
        Assert.That((string?)attempts[1].Body?["nonce"], Is.EqualTo((string?)attempts[0].Body?["nonce"]).And.Not.Null, "the retry carries the same nonce");
    }

    /// <summary>
    /// Sends a DM (or mention) in the same channel and waits for its reply: messages in one channel are handled in
    /// order, so by then every earlier message in that channel has been fully handled.
    /// </summary>
    private static async Task AnswerMarkerAsync(DiscordHarness bot, FakeGatewayConnection gateway, string? guild, string channelId = "300000000000000001")
    {
        var marker = DiscordHarness.Message("599999999999999999", $"<@{FakeDiscord.BotUserId}> ok, last one", guild, channelId: channelId,
            mentions: [new JsonObject { ["id"] = FakeDiscord.BotUserId }]);
        await gateway.DispatchAsync("MESSAGE_CREATE", marker);
        await bot.ReplyToAsync("599999999999999999");
    }

    private static void AssertLockedDown(RecordedRequest reply) => Assert.Multiple(() =>
    {
        Assert.That(reply.Path, Is.EqualTo("channels/300000000000000001/messages"));
        Assert.That(reply.Authorization, Is.EqualTo("Bot " + DiscordHarness.Token));
        Assert.That(reply.Body?["allowed_mentions"]?["parse"]?.ToJsonString(), Is.EqualTo("[]"));
        Assert.That((bool?)reply.Body?["allowed_mentions"]?["replied_user"], Is.False);
        Assert.That((string?)reply.Body?["message_reference"]?["channel_id"], Is.EqualTo("300000000000000001"));
        Assert.That((string?)reply.Body?["content"], Is.Not.Null.And.Not.Empty.And.Length.LessThanOrEqualTo(2000));
        Assert.That((bool?)reply.Body?["enforce_nonce"], Is.True);
        Assert.That((string?)reply.Body?["nonce"], Has.Length.InRange(1, 25));
    });
}
