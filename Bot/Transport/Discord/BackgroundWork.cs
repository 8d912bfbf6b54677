using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Runs event handlers off the gateway's receive loop, so a slow reply never delays heartbeats. Work with the same
/// order key (a channel id) runs one after another, in arrival order; everything else runs in parallel.
/// </summary>
public sealed class BackgroundWork(SecretRedactor redactor, ILogger<BackgroundWork> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();

    public void Run(string? orderKey, string what, Func<CancellationToken, Task> work)
    {
        lock (_gate)
        {
            var previous = orderKey is not null && _tails.TryGetValue(orderKey, out var tail) ? tail : Task.CompletedTask;
            var task = Task.Run(() => RunAfterAsync(previous, what, work));
            _running.Add(task);
            if (orderKey is not null) _tails[orderKey] = task;
            _ = task.ContinueWith(t => Forget(t, orderKey), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Cancels what is still running and waits for it to wind down.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunAfterAsync(Task previous, string what, Func<CancellationToken, Task> work)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await work(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failing handler is logged and must not take the gateway down
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError("Handling {What} failed: {Error}", what, redactor.Describe(ex));
        }
    }

    private void Forget(Task task, string? orderKey)
    {
        lock (_gate)
        {
            _running.Remove(task);
            if (orderKey is not null && _tails.TryGetValue(orderKey, out var tail) && tail == task) _tails.Remove(orderKey);
        }
    }
}
