using CompanionBot.Tests.Transport.Discord.Fakes;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Intents and shards against the fake gateway (Gateway doc, "Gateway Intents" and "Sharding").</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordIntentsTests
{
    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);

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
        // Counted before the first IDENTIFY: the 4014 close answers it at once, so the spacing timer can be armed
        // before WaitForOpAsync returns.
        var armed = bot.Clock.Armed.Count;
        await first.WaitForOpAsync(2);
        var second = await bot.Fake.ConnectionAsync(1);
        await bot.Clock.WhenArmedAsync(IdentifySpacing, armed);
        bot.Clock.Advance(IdentifySpacing);
        var identify = await second.WaitForOpAsync(2);
        await second.Attached; // READY
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
}
