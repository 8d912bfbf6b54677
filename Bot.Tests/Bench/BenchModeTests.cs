using System.Text.Json;
using CompanionBot.Bench;
using CompanionBot.Hosting;
using CompanionBot.Storage;
using CompanionBot.Terminal;

namespace CompanionBot.Tests.Bench;

public sealed class BenchModeTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bench-tests-" + Path.GetRandomFileName());
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task RunAsync_TinyRunWithPrefill_PrintsConsistentJson()
    {
        var (code, stdout, _) = await RunAsync("bench", "--members", "3", "--messages", "4", "--prefill", "10", "--raw-ms", "20", "--json");

        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "messages", "relationships", "throughput_per_s", "p50_ms", "p99_ms", "max_ms", "peak_memory_mb", "raw_sqlite_tx_per_s", "ratio",
            "appraiser", "encoder_throughput_per_s",
        }));
        Assert.That(root.GetProperty("appraiser").GetString(), Is.EqualTo("semantic"), "the encoder runs by default");
        Assert.That(root.GetProperty("encoder_throughput_per_s").GetDouble(), Is.GreaterThan(0), "the bare encoder is measured in the same run");
        Assert.That(root.GetProperty("messages").GetInt64(), Is.EqualTo(12));
        Assert.That(root.GetProperty("relationships").GetInt64(), Is.EqualTo(13));
        var throughput = root.GetProperty("throughput_per_s").GetDouble();
        var raw = root.GetProperty("raw_sqlite_tx_per_s").GetDouble();
        Assert.That(raw, Is.GreaterThan(0));
        Assert.That(root.GetProperty("ratio").GetDouble(), Is.EqualTo(throughput / raw).Within(0.0006 + 0.05 / raw));
        Assert.That(root.GetProperty("p50_ms").GetDouble(), Is.LessThanOrEqualTo(root.GetProperty("p99_ms").GetDouble()));
        Assert.That(root.GetProperty("p99_ms").GetDouble(), Is.LessThanOrEqualTo(root.GetProperty("max_ms").GetDouble()));
    }

    [Test]
    public async Task RunAsync_LexiconAppraiser_ReportsLexiconAndNoEncoderRate()
    {
        var (code, stdout, _) = await RunAsync("bench", "--members", "2", "--messages", "3", "--raw-ms", "0", "--appraiser", "lexicon", "--json");

        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("appraiser").GetString(), Is.EqualTo("lexicon"));
        Assert.That(json.RootElement.GetProperty("encoder_throughput_per_s").GetDouble(), Is.Zero);
    }

    [Test]
    public async Task RunAsync_SemanticText_ShowsWhatTheEncoderReadAndTheBareEncoderBeside()
    {
        var (code, stdout, _) = await RunAsync("bench", "--members", "2", "--messages", "3", "--raw-ms", "0", "--warmup", "0");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Match(@"appraiser\s+semantic, [1-9][0-9.]* texts in [1-9][0-9.]* encoder calls per message"));
        Assert.That(stdout, Does.Match(@"bare encoder\s+[0-9,.]+ messages/s \(the run's own texts, one message per call, 6 between"));
        Assert.That(stdout, Does.Contain("encoder ratio"));
    }

    [Test]
    public async Task RunAsync_GivenDb_KeepsEveryMessageAndRelationshipInTheFile()
    {
        var db = Path.Combine(_folder, "ledger.db");

        var (code, _, _) = await RunAsync("bench", "--members", "4", "--messages", "3", "--concurrency", "2", "--raw-ms", "0", "--db", db, "--json");

        Assert.That(code, Is.EqualTo(0));
        using var database = new SqliteDatabase(db, 5, secureDelete: true);
        var store = new SqliteLedgerStore(database);
        Assert.That(store.Count(), Is.EqualTo(4));
        var script = new MessageScript(4, "r0");
        Assert.That(store.WasProcessed(script.Message(3, 2).MessageId), Is.True);
        Assert.That(store.Find(script.Message(3, 2).Key)?.Exchanges, Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_DbHoldsRealMembers_RefusesWithCode2AndAddsNothing()
    {
        var db = Path.Combine(_folder, "live.db");
        using (var database = new SqliteDatabase(db, 5, secureDelete: true))
        {
            var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
            new SqliteLedgerStore(database).Save(
                CompanionBot.Ledger.RelationshipState.New(RelationshipKey.Dm("123456789"), at, new CompanionBot.Personas.LedgerBaseline(0.1, 0.1)), "m1");
        }

        var (code, _, stderr) = await RunAsync("bench", "--members", "2", "--messages", "2", "--raw-ms", "0", "--db", db);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("holds relationships that are not the bench's"));
        using var reopened = new SqliteDatabase(db, 5, secureDelete: true);
        Assert.That(new SqliteLedgerStore(reopened).Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_SameDbTwice_SecondRunReusesTheBenchRelationships()
    {
        var db = Path.Combine(_folder, "again.db");

        var first = await RunAsync("bench", "--members", "3", "--messages", "2", "--prefill", "5", "--raw-ms", "0", "--db", db, "--json");
        var second = await RunAsync("bench", "--members", "3", "--messages", "2", "--prefill", "5", "--raw-ms", "0", "--db", db, "--json");

        Assert.That((first.Code, second.Code), Is.EqualTo((0, 0)));
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.That(json.RootElement.GetProperty("relationships").GetInt64(), Is.EqualTo(8));
        using var database = new SqliteDatabase(db, 5, secureDelete: true);
        var processed = database.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM processed_messages;";
            return (long)cmd.ExecuteScalar()!;
        });
        Assert.That(processed, Is.EqualTo(12), "the second run's message ids must not collide with the first's");
        Assert.That(new SqliteLedgerStore(database).Find(new MessageScript(3, "r0").Message(1, 0).Key)?.Exchanges, Is.EqualTo(4));
    }

    [Test]
    public async Task RunAsync_WithAckLog_LogsEveryAcknowledgedMessageOnce()
    {
        var log = Path.Combine(_folder, "acks.log");

        var (code, _, _) = await RunAsync("bench", "--members", "2", "--messages", "5", "--raw-ms", "0", "--ack-log", log, "--json");

        Assert.That(code, Is.EqualTo(0));
        var lines = await File.ReadAllLinesAsync(log);
        Assert.That(lines, Has.Length.EqualTo(10));
        Assert.That(lines.Select(l => l.Split('\t')[0]), Is.Unique);
        Assert.That(lines, Has.All.Matches<string>(l => l.Split('\t').Length == 3));
    }

    [Test]
    public async Task RunAsync_JsonFlag_KeepsProgressAndStatusOffStdout()
    {
        var (_, stdout, _) = await RunAsync("bench", "--members", "2", "--messages", "2", "--raw-ms", "0", "--json");

        Assert.That(stdout.Trim(), Does.StartWith("{").And.EndWith("}"));
        Assert.That(stdout.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [TestCase("--members", "0", "--members must be a whole number from 1")]
    [TestCase("--messages", "lots", "--messages must be a whole number")]
    [TestCase("--concurrency", "65", "--concurrency must be a whole number from 1 to 64")]
    [TestCase("--prefill", "-1", "--prefill must be a whole number from 0")]
    [TestCase("--speed", "9", "unknown option --speed for bench")]
    [TestCase("--commit", "fast", "--commit must be 'group' or 'single'")]
    public async Task RunAsync_InvalidOption_ExitsWithCode2AndNamesTheOption(string option, string value, string expected)
    {
        var (code, stdout, stderr) = await RunAsync("bench", option, value, "--json");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task RunAsync_TooManyMessagesInTotal_ExitsWithCode2()
    {
        var (code, _, stderr) = await RunAsync("bench", "--members", "1000000", "--messages", "11");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--members x --messages must be at most"));
    }

    [Test]
    public async Task RunAsync_UnwritableAckLog_ExitsWithCode2()
    {
        var (code, _, stderr) = await RunAsync("bench", "--members", "1", "--messages", "1", "--ack-log", Path.Combine(_folder, "missing", "x", "acks.log"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--ack-log: cannot open"));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await BotProgram.RunAsync(args, new ConsoleIo(TextReader.Null, stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
