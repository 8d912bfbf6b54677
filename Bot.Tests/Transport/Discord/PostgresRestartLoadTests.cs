using System.Diagnostics;
using System.Globalization;
using CompanionBot.Tests.Architecture;
using CompanionBot.Tests.Support;
using CompanionBot.Tests.Transport.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// Issue #22's acceptance run: members DM through the fake Discord at a steady rate on the real clock, the bot on a
/// real PostgreSQL cluster that is restarted in fast mode mid-run (scripts/pg-test-cluster.sh restart: every session cut
/// with 57P01, the pool's connections broken, connections refused until it is back). Every DM must be answered exactly
/// once; the late ones' latency goes to BENCHMARKS.md. Explicit: it restarts the cluster named by
/// COMPANION_TEST_POSTGRES_DIR (the DIR given to scripts/pg-test-cluster.sh start), so it never runs by accident against
/// a shared server. LOAD_MEMBERS, LOAD_MESSAGES (per member) and LOAD_RATE (messages/s) change the shape.
/// </summary>
[TestFixture]
[Explicit("restarts the PostgreSQL cluster in COMPANION_TEST_POSTGRES_DIR; figures go to BENCHMARKS.md")]
[Category("Load")]
[CancelAfter(300_000)]
public sealed class PostgresRestartLoadTests
{
    [Test]
    public async Task Load_PostgresRestartedMidRun_EveryDmAnsweredExactlyOnce()
    {
        var clusterDir = Environment.GetEnvironmentVariable("COMPANION_TEST_POSTGRES_DIR");
        if (string.IsNullOrWhiteSpace(clusterDir)) Assert.Fail("set COMPANION_TEST_POSTGRES_DIR to the cluster's DIR (scripts/pg-test-cluster.sh start DIR)");
        using var postgres = TestPostgres.Create();
        var members = Setting("LOAD_MEMBERS", 100);
        var perMember = Setting("LOAD_MESSAGES", 4);
        var rate = Setting("LOAD_RATE", 10);
        await using var bot = await DiscordHarness.StartAsync(f => f.Clock = TimeProvider.System, s => s.AddSingleton(TimeProvider.System),
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:ConnectionString"] = postgres.ConnectionString,
            });
        var gateway = await bot.ReadyAsync();
        var total = members * perMember;
        var sentAt = new long[total];
        Task<int>? restart = null;
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        for (var i = 0; i < total; i++)
        {
            if (i == total / 4) restart = RestartAsync(clusterDir!);
            var member = i % members;
            sentAt[i] = Stopwatch.GetTimestamp();
            await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message(Id(i), $"hey, message {i / members} from me",
                authorId: (120_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture),
                channelId: (320_000_000_000_000_000L + member).ToString(CultureInfo.InvariantCulture)));
            await pace.WaitForNextTickAsync();
        }
        Assert.That(await restart!, Is.Zero, "pg_ctl restart -m fast");
        for (var i = 0; i < total; i++) await bot.ReplyToAsync(Id(i));
        var replies = bot.Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200).ToList();
        var first = replies.GroupBy(r => (string?)r.Body?["message_reference"]?["message_id"] ?? "").ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp));
        var latencies = Enumerable.Range(0, total).Select(i => Stopwatch.GetElapsedTime(sentAt[i], first[Id(i)]).TotalSeconds).Order().ToList();
        var late = latencies.Where(l => l > 0.5).ToList();
        var honest = replies.Count(r => ((string?)r.Body?["content"] ?? "").Contains("can't keep anything", StringComparison.Ordinal));

        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {members} | {perMember} | {rate} | {first.Count}/{total} | {replies.Count - first.Count} | {honest} | {late.Count} | {P(latencies, 0.5):0.000} | {P(latencies, 0.95):0.000} | {(late.Count > 0 ? late.Average() : 0):0.000} | {latencies[^1]:0.000} |"));
        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(total), "every DM answered");
            Assert.That(replies.Count - first.Count, Is.Zero, "none answered twice");
            Assert.That(honest, Is.Zero, "the store came back within the wait: no DM needed the honest 'cannot keep' reply");
        });
    }

    private static async Task<int> RestartAsync(string clusterDir)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [SourceTree.File("scripts/pg-test-cluster.sh"), "restart", clusterDir]))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string Id(int i) => (570_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
