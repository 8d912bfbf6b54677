using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using CompanionBot.Telemetry;
using CompanionBot.Tests.Transport.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// Issue #22, meters: a MeterListener reads the "CompanionBot" meter while members DM through the fake Discord, and
/// finds the turns, latencies, REST requests and queue depth counted right, with no member's words, name or id in any
/// label.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordMetricsTests
{
    [Test]
    public async Task Meters_FakeLoad_CountsRightAndNoMemberContentInLabels()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var meter = bot.Services.GetRequiredService<CompanionMetrics>().Meter;
        var seen = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Enqueue((i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Enqueue((i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => seen.Enqueue((i.Name, v, tags.ToArray())));
        listener.Start();

        var gateway = await bot.ReadyAsync();
        const int members = 5, perMember = 4;
        var ids = new List<string>();
        for (var m = 0; m < perMember * members; m++)
        {
            var member = m % members;
            var id = (540_000_000_000_000_000L + m).ToString(CultureInfo.InvariantCulture);
            ids.Add(id);
            await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message(id, $"secretword{m} about my day",
                authorId: (110_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture),
                channelId: (310_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture)));
        }
        foreach (var id in ids) await bot.ReplyToAsync(id);
        listener.RecordObservableInstruments();

        var all = seen.ToList();
        var replied = all.Where(x => x.Instrument == "companion.turns" && Tag(x.Tags, "outcome") == "replied").Sum(x => x.Value);
        var latencies = all.Count(x => x.Instrument == "companion.reply.latency");
        var posts = all.Where(x => x.Instrument == "companion.discord.rest.requests" && Tag(x.Tags, "route") == "POST channels/{channel}/messages").Sum(x => x.Value);
        var depth = all.Where(x => x.Instrument == "companion.queue.depth").ToList();
        var labels = all.SelectMany(x => x.Tags).Select(t => $"{t.Key}={t.Value}").Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(replied, Is.EqualTo(ids.Count), "one replied turn per DM");
            Assert.That(latencies, Is.EqualTo(ids.Count), "one latency per answer");
            Assert.That(posts, Is.GreaterThanOrEqualTo(ids.Count), "every reply's REST request counted under its route template");
            Assert.That(depth.Select(d => Tag(d.Tags, "stage")), Is.EquivalentTo(new[] { "in_flight", "store_wait" }));
            Assert.That(depth.Sum(d => d.Value), Is.Zero, "nothing left in the queue once every DM is answered");
            Assert.That(labels, Has.None.Contains("secretword").And.None.Contains("sam")
                .And.None.Contains("11000000000000000").And.None.Contains("31000000000000000").And.None.Contains("54000000000000000"),
                "no member's words, name or id, no channel or message id: " + string.Join(", ", labels));
        });
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value as string;
}
