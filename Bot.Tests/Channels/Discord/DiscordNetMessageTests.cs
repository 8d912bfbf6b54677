using CompanionBot.Tests.Transport.Discord.Fakes;

namespace CompanionBot.Tests.Channels.Discord;

/// <summary>The Discord.Net client (Discord:Client=discordnet) against the same fake Discord, which then speaks zlib-stream.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordNetMessageTests
{
    [Test]
    public async Task MessageCreate_DmOverZlibStream_OneReplyWithLockedMentions()
    {
        await using var bot = await DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:Client"] = "discordnet" });
        var gateway = await bot.ReadyAsync();
        var id = FakeDiscord.Snowflake();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message(id, "hi, how are you?"));
        var reply = await bot.ReplyToAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(gateway.Query, Does.Contain("compress=zlib-stream"), "Discord.Net asked for zlib-stream and was answered in it");
            Assert.That(reply.Path, Is.EqualTo("channels/300000000000000001/messages"));
            Assert.That(reply.Body?["allowed_mentions"]?["parse"]?.ToJsonString(), Is.EqualTo("[]"), "no mass mentions, no pings");
            Assert.That((bool?)reply.Body?["allowed_mentions"]?["replied_user"], Is.False);
            Assert.That(bot.RepliesTo(id), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Identify_Close4004_StopsWithTheLineNamingTheToken()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.OnIdentify = (connection, _) => connection.CloseAsync(4004, "Authentication failed."),
            settings: new Dictionary<string, string?> { ["Discord:Client"] = "discordnet" });

        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.That(result.FatalMessage, Does.Contain("4004").And.Contain("Discord:Token"));
    }
}
