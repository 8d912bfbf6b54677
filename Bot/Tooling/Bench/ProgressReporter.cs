using System.Diagnostics;

namespace CompanionBot.Bench;

/// <summary>
/// A status line on stderr once a second on long runs ("done/total, rate"), never on stdout, so --json output stays
/// clean. Ticks come from the injected <see cref="TimeProvider"/>; the rate uses the wall stopwatch.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressReporter(TextWriter error, TimeProvider time, string label, long total, Func<long> done)
    {
        _loop = RunAsync(error, time, label, total, done, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task RunAsync(TextWriter error, TimeProvider time, string label, long total, Func<long> done, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var count = done();
                var rate = count / Math.Max(1e-9, Stopwatch.GetElapsedTime(start).TotalSeconds);
                await error.WriteLineAsync($"bench: {label} {count:N0}/{total:N0} ({rate:N0}/s)").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
