using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CompanionBot.Bench;

/// <summary>What one bench run measured. <see cref="ToJson"/> prints the nine summary fields, the appraiser and the bare encoder's rate.</summary>
public sealed record BenchResult
{
    public required long Messages { get; init; }
    public required long Relationships { get; init; }
    public required double ThroughputPerSecond { get; init; }
    /// <summary>Whole message: pipeline compute plus the durable commit it waits for.</summary>
    public required LatencySummary Latency { get; init; }
    /// <summary>The same messages without the time spent in the durable commit (reads, appraisal... reply).</summary>
    public required LatencySummary Overhead { get; init; }
    /// <summary>Time in the durable commit alone.</summary>
    public required LatencySummary Commit { get; init; }
    public required double PeakMemoryMb { get; init; }
    public required double ManagedHeapMb { get; init; }
    public required double AllocatedBytesPerMessage { get; init; }
    /// <summary>Raw transactions over raw time, summed over the slices interleaved with the run.</summary>
    public required double RawSqliteTxPerSecond { get; init; }
    public required double RawSlowestSlice { get; init; }
    public required double RawFastestSlice { get; init; }
    public required int RawSlices { get; init; }
    public required long PrefillInserted { get; init; }
    public required double PrefillSeconds { get; init; }
    public required int WarmupMessages { get; init; }
    public required long Skipped { get; init; }
    public required int Concurrency { get; init; }
    public required bool GroupCommit { get; init; }
    public required string Database { get; init; }
    /// <summary>The ledger file and its WAL after the run.</summary>
    public required long DatabaseBytes { get; init; }
    /// <summary>"semantic" (encoder and heads) or "lexicon" (Appraisal:Semantic=false).</summary>
    public string Appraiser { get; init; } = "lexicon";
    /// <summary>The bare sentence encoder on the bench's own messages, one at a time, in the same run (0 without it).</summary>
    public double EncoderThroughputPerSecond { get; init; }
    /// <summary>How many messages the bare encoder probe encoded (a sample of the run's, slice by slice).</summary>
    public long EncoderProbeMessages { get; init; }
    /// <summary>The bare encoder's latency per message in the probe (p50, p99 in ms).</summary>
    public (double P50Ms, double P99Ms) EncoderLatency { get; init; }
    /// <summary>Encoder calls and texts per appraised message in the pipeline (0 with the lexicon alone).</summary>
    public double EncoderCallsPerMessage { get; init; }
    public double EncoderTextsPerMessage { get; init; }
    /// <summary>Calls that reached the model per message, after concurrent messages shared them (0 without batching).</summary>
    public double ModelCallsPerMessage { get; init; }
    /// <summary>Mean wall time per appraised message inside the pipeline's encoder calls, in ms (0 with the lexicon alone).</summary>
    public double PipelineEncoderMs { get; init; }
    /// <summary>--read-probe: turn loads on a thread of their own during the run (count, p50, p99, max ms).</summary>
    public (long Reads, double P50Ms, double P99Ms, double MaxMs) Reads { get; init; }

    /// <summary>Pipeline throughput over the bare encoder's, same messages, same run; 0 with the lexicon alone.</summary>
    public double EncoderRatio => EncoderThroughputPerSecond > 0 ? ThroughputPerSecond / EncoderThroughputPerSecond : 0;

    /// <summary>Pipeline throughput over the raw single-row durable transaction rate; 0 when the probe was skipped.</summary>
    public double Ratio => RawSqliteTxPerSecond > 0 ? ThroughputPerSecond / RawSqliteTxPerSecond : 0;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("messages", Messages);
            json.WriteNumber("relationships", Relationships);
            json.WriteNumber("throughput_per_s", Math.Round(ThroughputPerSecond, 1));
            json.WriteNumber("p50_ms", Math.Round(Latency.P50Ms, 4));
            json.WriteNumber("p99_ms", Math.Round(Latency.P99Ms, 4));
            json.WriteNumber("max_ms", Math.Round(Latency.MaxMs, 4));
            json.WriteNumber("peak_memory_mb", Math.Round(PeakMemoryMb, 1));
            json.WriteNumber("raw_sqlite_tx_per_s", Math.Round(RawSqliteTxPerSecond, 1));
            json.WriteNumber("ratio", Math.Round(Ratio, 3));
            json.WriteString("appraiser", Appraiser);
            json.WriteNumber("encoder_throughput_per_s", Math.Round(EncoderThroughputPerSecond, 1));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"bench: {Messages:N0} messages, concurrency {Concurrency}, {(GroupCommit && Concurrency > 1 ? "group commit" : "one transaction per message")}, {Relationships:N0} relationships stored");
        sb.AppendLine(c, $"  database             {Database}, {DatabaseBytes / (1024.0 * 1024.0):N1} MB with its WAL after the run");
        if (PrefillInserted > 0) sb.AppendLine(c, $"  prefill              {PrefillInserted:N0} rows in {PrefillSeconds:F1} s");
        if (WarmupMessages > 0) sb.AppendLine(c, $"  warm-up              {WarmupMessages:N0} messages on a scratch file first (JIT), not counted");
        sb.AppendLine(c, $"  throughput           {ThroughputPerSecond:N1} messages/s");
        sb.AppendLine(c, $"  latency (message)    {Line(Latency)}");
        sb.AppendLine(c, $"    pipeline compute   {Line(Overhead)}   (without the commit)");
        sb.AppendLine(c, $"    durable commit     {Line(Commit)}");
        sb.AppendLine(c, $"  raw SQLite           {RawSqliteTxPerSecond:N1} single-row durable upserts/s (same disk, same pragmas; {RawSlices} slices between the run's, {RawSlowestSlice:N0} to {RawFastestSlice:N0})");
        sb.AppendLine(c, $"  ratio                {Ratio:F3} (pipeline / raw)");
        sb.AppendLine(c, $"  appraiser            {Appraiser}{(Appraiser == "semantic" ? string.Create(c, $", {EncoderTextsPerMessage:F2} texts in {EncoderCallsPerMessage:F2} encoder calls per message, {ModelCallsPerMessage:F2} model calls per message") : "")}");
        if (EncoderThroughputPerSecond > 0)
        {
            sb.AppendLine(c, $"  bare encoder         {EncoderThroughputPerSecond:N1} messages/s (the run's own texts, one message per call, {EncoderProbeMessages:N0} between the slices), p50 {EncoderLatency.P50Ms:F3} ms  p99 {EncoderLatency.P99Ms:F3} ms");
            sb.AppendLine(c, $"  encoder ratio        {EncoderRatio:F3} (pipeline / bare encoder); the pipeline spent {PipelineEncoderMs:F3} ms a message in the encoder, the bare encoder {1000 / EncoderThroughputPerSecond:F3} ms");
        }
        if (Reads.Reads > 0) sb.AppendLine(c, $"  reads under writes   {Reads.Reads:N0} turn loads on their own thread during the run: p50 {Reads.P50Ms:F3} ms  p99 {Reads.P99Ms:F3} ms  max {Reads.MaxMs:F3} ms");
        sb.AppendLine(c, $"  memory               peak working set {PeakMemoryMb:N1} MB, managed heap {ManagedHeapMb:N1} MB, {AllocatedBytesPerMessage:N0} B allocated/message");
        if (Skipped > 0) sb.AppendLine(c, $"  skipped              {Skipped:N0} messages already handled (replayed ids)");
        return sb.ToString();
    }

    private static string Line(LatencySummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50Ms:F3} ms  p99 {s.P99Ms:F3} ms  max {s.MaxMs:F3} ms  mean {s.MeanMs:F3} ms");
}
