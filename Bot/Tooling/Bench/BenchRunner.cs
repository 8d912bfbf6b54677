using System.Diagnostics;
using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Perception;
using CompanionBot.Pipeline;
using CompanionBot.Safety;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CompanionBot.Terminal;

namespace CompanionBot.Bench;

/// <summary>
/// One bench run: open the ledger file with the production pragmas, bulk-prefill it, warm up on a scratch file, then
/// feed members x messages through the whole pipeline (offline voice, no model) with
/// <see cref="BenchSettings.Concurrency"/> workers, in slices alternating with the raw durable write probe. Worker w owns members w, w+C, ... and sends round by round, so a
/// member's messages stay in order and the simulated clock only moves forward for each relationship.
/// </summary>
public sealed class BenchRunner(IServiceProvider services, TextWriter status)
{
    /// <summary>The run alternates with the raw probe this many times (fewer when members send fewer messages).</summary>
    public const int MaxSlices = 10;

    public async Task<BenchResult> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var path = settings.DatabasePath ?? Path.Combine(Path.GetTempPath(), "companion-bench-" + Path.GetRandomFileName() + ".db");
        using var ack = OpenAckLog(settings.AckLogPath);
        try
        {
            using var database = new SqliteDatabase(path, storage.BusyTimeoutSeconds, secureDelete: true);
            if (HoldsOtherRelationships(database))
            {
                throw new CommandLineException(
                    $"--db {path} holds relationships that are not the bench's; the bench adds simulated members, so give it a file of its own");
            }
            var prefillStart = Stopwatch.GetTimestamp();
            var inserted = await PrefillAsync(database, settings.Prefill, time).ConfigureAwait(false);
            var prefillSeconds = Stopwatch.GetElapsedTime(prefillStart).TotalSeconds;
            database.CheckpointTruncate();

            var warmup = await Warmup.RunAsync(services, path, storage.BusyTimeoutSeconds,
                (int)Math.Min(settings.WarmupMessages, settings.TotalMessages), cancellationToken).ConfigureAwait(false);

            // The raw probe runs in slices between slices of the pipeline run (see RawSqliteProbe).
            using var probe = settings.RawProbeMilliseconds > 0 ? new RawSqliteProbe(path, storage.BusyTimeoutSeconds) : null;
            var slices = Math.Min(MaxSlices, settings.Messages);
            var slice = TimeSpan.FromMilliseconds(settings.RawProbeMilliseconds / (double)slices);

            // The store is synchronous: each worker blocks a pool thread while its commit is in flight, so make sure
            // every worker has one without waiting for the pool to grow (this process only runs the bench).
            ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
            ThreadPool.SetMinThreads(Math.Max(workerThreads, settings.Concurrency + 2), ioThreads);
            var store = new TimedLedgerStore(new SqliteLedgerStore(database, settings.GroupCommit));
            var (appraiser, counted) = PipelineAppraiser();
            var pipeline = ActivatorUtilities.CreateInstance<ConversationPipeline>(services, (ILedgerStore)store, appraiser, SafetyGate.Unlimited(), Bursts.Off());
            var script = new MessageScript(settings.Members, "r" + ProcessedCount(database));
            var run = new MessageRun(settings, script, pipeline, store, ack);
            var bare = counted is null ? null : new EncoderProbe(services.GetRequiredService<MiniLmTextEncoder>(), script, settings);

            var batcher = counted is null ? null : services.GetRequiredService<ITextEncoder>() as BatchingTextEncoder;
            var modelCallsBefore = batcher?.ModelCalls ?? 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            using var reads = settings.ReadProbe ? new ReadProbe(store, settings.Members) : null;
            long probeAllocated = 0;
            var elapsed = await run.ExecuteAsync(status, time, slices, (firstRound, endRound) =>
            {
                var before = GC.GetTotalAllocatedBytes(precise: false);
                probe?.RunSlice(slice);
                bare?.RunSlice(firstRound, endRound);
                probeAllocated += GC.GetTotalAllocatedBytes(precise: false) - before;
            }, cancellationToken).ConfigureAwait(false);
            var readSummary = reads?.Summary ?? default;
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore - probeAllocated;

            var appraised = settings.TotalMessages - run.Skipped;
            if (counted is not null && counted.Texts < appraised)
            {
                throw new CommandLineException(
                    $"the sentence encoder read {counted.Texts:N0} texts for {appraised:N0} messages (did the model load?); the figures would be the lexicon's, so none are given");
            }
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return new BenchResult
            {
                Appraiser = counted is null ? "lexicon" : "semantic",
                EncoderThroughputPerSecond = bare?.Rate ?? 0,
                EncoderProbeMessages = bare?.Messages ?? 0,
                EncoderLatency = bare?.Latency ?? (0, 0),
                EncoderCallsPerMessage = counted is null ? 0 : counted.Calls / (double)Math.Max(1, appraised),
                EncoderTextsPerMessage = counted is null ? 0 : counted.Texts / (double)Math.Max(1, appraised),
                Reads = readSummary,
                PipelineEncoderMs = counted is null ? 0 : counted.Elapsed.TotalMilliseconds / Math.Max(1, appraised),
                ModelCallsPerMessage = batcher is null ? 0 : (batcher.ModelCalls - modelCallsBefore) / (double)Math.Max(1, appraised),
                Messages = settings.TotalMessages,
                Relationships = store.Count(),
                ThroughputPerSecond = settings.TotalMessages / Math.Max(1e-9, elapsed.TotalSeconds),
                Latency = run.Latency.Summarise(),
                Overhead = run.Overhead.Summarise(),
                Commit = run.Commit.Summarise(),
                PeakMemoryMb = process.PeakWorkingSet64 / (1024.0 * 1024.0),
                ManagedHeapMb = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0),
                AllocatedBytesPerMessage = allocated / (double)Math.Max(1, settings.TotalMessages),
                RawSqliteTxPerSecond = probe?.Rate ?? 0,
                RawSlowestSlice = probe?.SlowestSlice ?? 0,
                RawFastestSlice = probe?.FastestSlice ?? 0,
                RawSlices = probe?.Slices ?? 0,
                PrefillInserted = inserted,
                PrefillSeconds = prefillSeconds,
                WarmupMessages = warmup,
                Skipped = run.Skipped,
                Concurrency = settings.Concurrency,
                GroupCommit = settings.GroupCommit,
                DatabaseBytes = FileBytes(path) + FileBytes(path + "-wal"),
                Database = settings.DatabasePath is null ? "temp file (deleted afterwards)" : Path.GetFullPath(path),
            };
        }
        finally
        {
            if (settings.DatabasePath is null) RawSqliteProbe.DeleteFiles(path);
        }
    }

    /// <summary>
    /// The appraiser the production host registered; when it reads with the encoder, the same appraiser rebuilt over a
    /// counting wrapper of the host's encoder (whatever decorators production puts in front of the model).
    /// </summary>
    private (MessageAppraiser Appraiser, CountingTextEncoder? Counted) PipelineAppraiser()
    {
        var registered = services.GetRequiredService<MessageAppraiser>();
        if (!registered.IsSemantic) return (registered, null);
        var counted = new CountingTextEncoder(services.GetRequiredService<ITextEncoder>());
        var reader = new SemanticReader(counted, services.GetRequiredService<SignalHeads>());
        return (new MessageAppraiser(services.GetRequiredService<AppraisalLexicon>(), reader), counted);
    }

    private async Task<long> PrefillAsync(SqliteDatabase database, int count, TimeProvider time)
    {
        if (count == 0) return 0;
        long done = 0;
        await using (new ProgressReporter(status, time, "prefill", count, () => Interlocked.Read(ref done)))
        {
            return Prefill.Run(database, count, rows => Interlocked.Exchange(ref done, rows));
        }
    }

    /// <summary>Distinct per run on a reused --db, so message ids never collide with an earlier run's.</summary>
    private static long ProcessedCount(SqliteDatabase database) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM processed_messages;";
        return (long)cmd.ExecuteScalar()!;
    });

    /// <summary>
    /// True when the file holds a member the bench did not write (say a live ledger given to --db by mistake).
    /// Range conditions, so the member index answers without a scan: '.' is the character after '-'.
    /// </summary>
    private static bool HoldsOtherRelationships(SqliteDatabase database) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT EXISTS (SELECT 1 FROM relationships WHERE member < '{MessageScript.MemberPrefix}'
                OR (member >= '{MessageScript.MemberPrefix[..^1]}.' AND member < '{Prefill.KeyPrefix}')
                OR member >= '{Prefill.KeyPrefix[..^1]}.');
            """;
        return (long)cmd.ExecuteScalar()! == 1;
    });

    private static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static AckLog? OpenAckLog(string? path)
    {
        if (path is null) return null;
        try
        {
            return new AckLog(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"--ack-log: cannot open '{path}' for appending: {ex.Message}");
        }
    }
}
