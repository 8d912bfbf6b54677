using System.Diagnostics;
using CompanionBot.Storage;

namespace CompanionBot.Bench;

/// <summary>
/// Reads under concurrent writes (<c>bench --read-probe</c>): while the run commits, one thread of its own loads the
/// turn snapshot (handled mark, state, history) of the run's members in turn, as a command or a second conversation
/// would, about 500 a second, and records each load's latency. Shows whether a read waits out a commit's sync.
/// </summary>
internal sealed class ReadProbe : IDisposable
{
    private readonly ILedgerStore _store;
    private readonly int _members;
    private readonly List<long> _ticks = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public ReadProbe(ILedgerStore store, int members)
    {
        _store = store;
        _members = members;
        _thread = new Thread(Loop) { IsBackground = true, Name = "bench read probe" };
        _thread.Start();
    }

    /// <summary>Reads done, and their latency p50, p99 and max in ms.</summary>
    public (long Reads, double P50Ms, double P99Ms, double MaxMs) Summary
    {
        get
        {
            Stop();
            if (_ticks.Count == 0) return (0, 0, 0, 0);
            var sorted = _ticks.Order().ToArray();
            double At(double q) => TimeSpan.FromTicks(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]).TotalMilliseconds;
            return (sorted.Length, At(0.50), At(0.99), TimeSpan.FromTicks(sorted[^1]).TotalMilliseconds);
        }
    }

    private void Loop()
    {
        for (var i = 0L; !_stop; i++)
        {
            var key = MessageScript.KeyOf(MessageScript.MemberPrefix, i % _members);
            var start = Stopwatch.GetTimestamp();
            _store.Load(key, "read-probe", 8);
            _ticks.Add(Stopwatch.GetElapsedTime(start).Ticks);
            // About 500 reads a second: a steady sample of the run, never a reader that starves the writers.
            Thread.Sleep(2);
        }
    }

    private void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    public void Dispose() => Stop();
}
