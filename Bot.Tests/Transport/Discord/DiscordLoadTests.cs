using System.Diagnostics;
using System.Globalization;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// Issue #14 item 13, the load run: members DMing at a steady rate against the fake Discord, on the real clock (the
/// only Discord tests that are), through the real transport, REST limiter (50 requests/s) and offline pipeline.
/// Explicit: it takes about 40 s and its figures go to BENCHMARKS.md. Run with
/// <c>dotnet test Bot.Tests --filter "FullyQualifiedName~DiscordLoadTests"</c>; LOAD_MEMBERS, LOAD_MESSAGES
/// (per member) and LOAD_RATE (messages/s) change the shape.
/// </summary>
[TestFixture]
[Explicit("load run on the real clock; figures go to BENCHMARKS.md")]
[Category("Load")]
[CancelAfter(300_000)]
public sealed class DiscordLoadTests
{
    [Test]
    public async Task Load_DmsAtSteadyRate_EveryMessageAnsweredOnceP95UnderTwoSeconds()
    {
        var members = Setting("LOAD_MEMBERS", 300);
        var perMember = Setting("LOAD_MESSAGES", 4);
        var rate = Setting("LOAD_RATE", 30);
        await using var bot = await DiscordHarness.StartAsync(f => f.Clock = TimeProvider.System, s => s.AddSingleton(TimeProvider.System));
        var gateway = await bot.ReadyAsync();
        var total = members * perMember;
        var sentAt = new long[total];
        var clock = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        for (var i = 0; i < total; i++)
        {
            var member = i % members;
            var message = DiscordHarness.Message(Id(i), $"hey, message {i / members} from me", authorId: (100_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture),
                channelId: (300_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture));
            sentAt[i] = Stopwatch.GetTimestamp();
            await gateway.DispatchAsync("MESSAGE_CREATE", message);
            await pace.WaitForNextTickAsync();
        }
        var sending = clock.Elapsed;
        for (var i = 0; i < total; i++) await bot.ReplyToAsync(Id(i));
        var replies = bot.Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200).ToList();
        var first = replies.GroupBy(r => (string?)r.Body?["message_reference"]?["message_id"] ?? "").ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp));
        var latencies = Enumerable.Range(0, total).Select(i => Stopwatch.GetElapsedTime(sentAt[i], first[Id(i)]).TotalSeconds).Order().ToList();
        var typing = bot.Fake.Sent("POST", "channels/").Count(r => r.Path.EndsWith("/typing", StringComparison.Ordinal));
        var duplicates = replies.Count - first.Count;

        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {members} | {perMember} | {rate} | {total / sending.TotalSeconds:0.0} | {first.Count}/{total} | {duplicates} | {typing} | {P(latencies, 0.5):0.000} | {P(latencies, 0.95):0.000} | {P(latencies, 0.99):0.000} | {latencies[^1]:0.000} | {Environment.WorkingSet / 1_048_576} |"));
        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(total), "every message answered");
            Assert.That(duplicates, Is.Zero, "none answered twice");
            Assert.That(P(latencies, 0.95), Is.LessThan(2.0), "p95 from message to reply, seconds");
        });
    }

    private static string Id(int i) => (560_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
