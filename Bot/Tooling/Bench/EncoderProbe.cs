using System.Diagnostics;
using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Bench;

/// <summary>
/// The bare sentence encoder on the run's own messages: after each slice of the pipeline run, the same slice's message
/// texts (every k-th one past <see cref="MaxPerSlice"/>) are encoded whole, one message per call on one thread, as a
/// lone message reaches the model. Interleaved like the raw SQLite probe, so a busy neighbour slows both alike.
/// </summary>
public sealed class EncoderProbe(ITextEncoder encoder, MessageScript script, BenchSettings settings)
{
    /// <summary>At most this many messages are encoded per slice (about a second of the model's time).</summary>
    public const int MaxPerSlice = 250;

    private readonly List<long> _calls = [];
    private long _ticks;

    public long Messages { get; private set; }

    /// <summary>The bare encoder's own latency per message, p50 and p99 in ms (0 before any slice).</summary>
    public (double P50Ms, double P99Ms) Latency
    {
        get
        {
            if (_calls.Count == 0) return (0, 0);
            var sorted = _calls.Order().ToArray();
            double At(double q) => TimeSpan.FromTicks(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]).TotalMilliseconds;
            return (At(0.50), At(0.99));
        }
    }

    public double Rate => Messages == 0 ? 0 : Messages / Math.Max(1e-9, TimeSpan.FromTicks(_ticks).TotalSeconds);

    /// <summary>Encodes a sample of the messages of rounds [<paramref name="firstRound"/>, <paramref name="endRound"/>).</summary>
    public void RunSlice(int firstRound, int endRound)
    {
        var count = (long)(endRound - firstRound) * settings.Members;
        var step = Math.Max(1, (count + MaxPerSlice - 1) / MaxPerSlice);
        for (var i = 0L; i < count; i += step)
        {
            var message = script.Message((int)(i % settings.Members), firstRound + (int)(i / settings.Members));
            var start = Stopwatch.GetTimestamp();
            encoder.Encode([message.Text]);
            var elapsed = Stopwatch.GetElapsedTime(start).Ticks;
            _ticks += elapsed;
            _calls.Add(elapsed);
            Messages++;
        }
    }
}
