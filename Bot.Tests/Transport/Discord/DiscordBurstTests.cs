using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Transport.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Bursts on Discord: a member's quick messages reach the pipeline without waiting for each other's replies.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordBurstTests
{
    private const string Member = "100000000000000001";
    private const string Channel = "300000000000000001";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(4);

    private static Task<DiscordHarness> StartWithBurstsAsync() =>
        DiscordHarness.StartAsync(settings: new Dictionary<string, string?> { ["Conversation:BurstQuietSeconds"] = "4" });

    [Test]
    public async Task MessageCreate_ThreeQuickDms_OneReplyAllStored()
    {
        await using var bot = await StartWithBurstsAsync();
        var gateway = await bot.ReadyAsync();
        string[] ids = ["510000000000000001", "510000000000000002", "510000000000000003"];
        string[] texts = ["hey", "so guess what", "i got the job"];

        for (var i = 0; i < ids.Length; i++)
        {
            var armed = bot.Clock.Armed.Count;
            await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message(ids[i], texts[i]));
            // Each message starts its own quiet-gap wait: none of them queues behind the previous one's reply.
            await bot.Clock.WhenArmedAsync(Quiet, armed);
        }
        Assert.That(bot.Fake.Requests.Snapshot().Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Method == "POST"), Is.Zero,
            "nothing is answered while the burst waits");
        await bot.Fake.Requests.WaitForAsync(r => r.Method == "POST" && r.Path == $"channels/{Channel}/typing", "typing while the burst waits");

        bot.Clock.Advance(Quiet);
        await bot.ReplyToAsync(ids[2]);

        Assert.That(bot.RepliesTo(ids[0]), Is.Empty);
        Assert.That(bot.RepliesTo(ids[1]), Is.Empty);
        Assert.That(bot.RepliesTo(ids[2]), Has.Count.EqualTo(1), "the burst is answered once");
        Assert.That(bot.Fake.Sent("POST", $"channels/{Channel}/typing"), Has.Count.EqualTo(1), "one typing request per burst, not one per message");
        var key = RelationshipKey.Dm(Member);
        var store = bot.Services.GetRequiredService<ILedgerStore>();
        Assert.That(ids.Select(id => store.Load(key, id, 0).AlreadyHandled), Is.All.True, "every message of the burst is marked handled");
        var said = bot.Services.GetRequiredService<IHistoryStore>().Recent(key, 10).Select(t => t.Text).ToList();
        Assert.That(said, Has.Some.Contains(texts[0]).And.Contains(texts[1]).And.Contains(texts[2]), "all three lines are stored in the turn's history");
    }

    [Test]
    public async Task MessageCreate_CrisisDmWithBurstsOn_AnsweredWithoutWaiting()
    {
        await using var bot = await StartWithBurstsAsync();
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("510000000000000011", "i want to kill myself"));

        // The clock never moves: a crisis message is never held back for a quiet gap.
        var reply = await bot.ReplyToAsync("510000000000000011");
        Assert.That((string?)reply.Body?["content"], Is.Not.Empty);
    }
}
