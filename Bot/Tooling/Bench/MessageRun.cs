using System.Diagnostics;
using CompanionBot.Pipeline;

namespace CompanionBot.Bench;

/// <summary>The timed part of a bench run: the workers, their latencies, and the counters the progress line reads.</summary>
/// <param name="lanes">Optional: worker w's own pipeline and store (PostgreSQL bench: one "process" per worker).</param>
internal sealed class MessageRun(BenchSettings settings, MessageScript script, ConversationPipeline pipeline, TimedLedgerStore store, AckLog? ack,
    Func<int, (ConversationPipeline Pipeline, TimedLedgerStore Store)>? lanes = null)
{
    private long _done;
    private long _skipped;

    public LatencyRecorder Latency { get; } = new(settings.TotalMessages);
    public LatencyRecorder Overhead { get; } = new(settings.TotalMessages);
    public LatencyRecorder Commit { get; } = new(settings.TotalMessages);
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>
    /// Runs every message in <paramref name="slices"/> slices of rounds, calling <paramref name="between"/> after each
    /// one with the slice's rounds [first, end); returns the wall time spent in the slices (from a slice's first send to
    /// its last acknowledgement).
    /// </summary>
    public async Task<TimeSpan> ExecuteAsync(TextWriter status, TimeProvider time, int slices, Action<int, int> between, CancellationToken cancellationToken)
    {
        await using var progress = new ProgressReporter(status, time, "messages", settings.TotalMessages, () => Interlocked.Read(ref _done));
        var elapsed = TimeSpan.Zero;
        var workers = new Task[Math.Min(settings.Concurrency, settings.Members)];
        for (var slice = 0; slice < slices; slice++)
        {
            var first = (int)((long)settings.Messages * slice / slices);
            var last = (int)((long)settings.Messages * (slice + 1) / slices);
            var start = Stopwatch.GetTimestamp();
            for (var w = 0; w < workers.Length; w++)
            {
                var worker = w;
                workers[w] = Task.Run(() => WorkAsync(worker, workers.Length, first, last, cancellationToken), cancellationToken);
            }
            await Task.WhenAll(workers).ConfigureAwait(false);
            elapsed += Stopwatch.GetElapsedTime(start);
            between(first, last);
        }
        return elapsed;
    }

    private async Task WorkAsync(int worker, int workers, int firstRound, int endRound, CancellationToken cancellationToken)
    {
        var lane = lanes?.Invoke(worker);
        var lanePipeline = lane?.Pipeline ?? pipeline;
        var laneStore = lane?.Store ?? store;
        for (var round = firstRound; round < endRound; round++)
        {
            for (var member = worker; member < settings.Members; member += workers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var message = script.Message(member, round);
                var commit = laneStore.BeginMessage();
                var start = Stopwatch.GetTimestamp();
                var result = await lanePipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (result is not TurnOutcome.Replied) Interlocked.Increment(ref _skipped);
                else ack?.Acknowledge(message);

                var index = (long)round * settings.Members + member;
                Latency.Record(index, elapsed);
                Commit.Record(index, commit.Ticks);
                Overhead.Record(index, elapsed - commit.Ticks);
                Interlocked.Increment(ref _done);
            }
        }
    }
}
