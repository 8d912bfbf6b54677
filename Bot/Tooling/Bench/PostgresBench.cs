using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CompanionBot.Terminal;
using Npgsql;
using CompanionBot.Turn;

namespace CompanionBot.Bench;

/// <summary>
/// `bench --postgres`: PostgreSQL's own single-row durable write rate (one upsert + COMMIT per transaction on one
/// connection), then the whole pipeline (offline voice, no model) with 1, 2 and 4 concurrent pipelines, each with its
/// own connection pool, member leases and store, as separate bot processes would have. Same run, same server.
/// </summary>
public sealed class PostgresBench(IServiceProvider services, TextWriter status)
{
    public async Task<PostgresBenchResult> RunAsync(BenchSettings settings, IReadOnlyList<int> levels, CancellationToken cancellationToken)
    {
        var connectionString = services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CommandLineException("--postgres needs Storage:ConnectionString (for example the environment variable Storage__ConnectionString)");
        }
        using var admin = new PostgresDatabase(connectionString);
        if (admin.Read(c => new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM relationships WHERE member NOT LIKE '{MessageScript.MemberPrefix}%')", c).ExecuteScalar() is true))
        {
            throw new CommandLineException("the PostgreSQL database holds relationships that are not the bench's; give the bench a database of its own");
        }
        var raw = settings.RawProbeMilliseconds > 0 ? RawRate(admin, settings.RawProbeMilliseconds) : 0;
        using var ack = settings.AckLogPath is null ? null : new AckLog(settings.AckLogPath);
        var rows = new List<PostgresBenchLevel>();
        var time = services.GetRequiredService<TimeProvider>();
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, levels.Max() * 2 + 2), ioThreads);
        foreach (var level in levels)
        {
            var lanes = Enumerable.Range(0, level).Select(_ => Lane(connectionString)).ToList();
            try
            {
                var tag = "p" + level + "-" + admin.Read(c => (long)new NpgsqlCommand("SELECT count(*) FROM processed_messages", c).ExecuteScalar()!);
                var run = new MessageRun(settings with { Concurrency = level }, new MessageScript(settings.Members, tag),
                    lanes[0].Pipeline, lanes[0].Store, ack, w => (lanes[w].Pipeline, lanes[w].Store));
                var elapsed = await run.ExecuteAsync(status, time, 1, (_, _) => { }, cancellationToken).ConfigureAwait(false);
                rows.Add(new PostgresBenchLevel(level, settings.TotalMessages / Math.Max(1e-9, elapsed.TotalSeconds), run.Latency.Summarise(), run.Skipped));
            }
            finally
            {
                foreach (var lane in lanes) lane.Database.Dispose();
            }
        }
        return new PostgresBenchResult(admin.Target ?? "", raw, settings.TotalMessages, rows);
    }

    private (PostgresDatabase Database, ConversationPipeline Pipeline, TimedLedgerStore Store) Lane(string connectionString)
    {
        var database = new PostgresDatabase(connectionString);
        var store = new TimedLedgerStore(new PostgresLedgerStore(database));
        var history = new PostgresHistoryStore(database, services.GetRequiredService<IOptions<StorageOptions>>());
        var pipeline = new ConversationPipeline(store, new FixedPersona(services.GetRequiredService<PersonaConfig>()),
            services.GetRequiredService<Appraisal.MessageAppraiser>(), services.GetRequiredService<TurnPlanner>(),
            new ReplyWriter(new OfflineChatModel(), new OfflineVoice()), new MemberGate(new PostgresMemberLeases(database)),
            SafetyGate.Unlimited(), Bursts.Off(), history);
        return (database, pipeline, store);
    }

    /// <summary>Single-row durable transactions per second on one connection for <paramref name="milliseconds"/>.</summary>
    private static double RawRate(PostgresDatabase database, int milliseconds) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO counters (name, scope, period, value) VALUES ('bench.raw', 'bench', $1, 1)
            ON CONFLICT (name, scope, period) DO UPDATE SET value = counters.value + 1;
            """, connection);
        var slot = cmd.Parameters.Add(new NpgsqlParameter { Value = "0" });
        var start = Stopwatch.GetTimestamp();
        var count = 0;
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < milliseconds)
        {
            using var tx = connection.BeginTransaction();
            cmd.Transaction = tx;
            slot.Value = (count % 64).ToString(CultureInfo.InvariantCulture);
            cmd.ExecuteNonQuery();
            tx.Commit();
            count++;
        }
        using var clean = new NpgsqlCommand("DELETE FROM counters WHERE name = 'bench.raw';", connection);
        clean.ExecuteNonQuery();
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    });

    private sealed class FixedPersona(PersonaConfig persona) : IPersonaProvider
    {
        public PersonaConfig For(string scope) => persona;
    }
}

public sealed record PostgresBenchLevel(int Pipelines, double MessagesPerSecond, LatencySummary Latency, long Skipped);

public sealed record PostgresBenchResult(string Server, double RawTxPerSecond, long MessagesPerLevel, IReadOnlyList<PostgresBenchLevel> Levels)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL {Server}: raw single-row durable writes {RawTxPerSecond:0} tx/s (one connection)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{MessagesPerLevel} messages per level, offline voice, every turn one durable transaction:");
        sb.AppendLine("pipelines | messages/s | vs raw | p50 ms | p99 ms");
        foreach (var l in Levels)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{l.Pipelines,9} | {l.MessagesPerSecond,10:0} | {l.MessagesPerSecond / Math.Max(1e-9, RawTxPerSecond),6:0.00} | {l.Latency.P50Ms,6:0.00} | {l.Latency.P99Ms,6:0.00}");
        }
        return sb.ToString().TrimEnd();
    }
}
