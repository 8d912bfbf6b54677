using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// The bounded queue between the gateway's receive loop and the responders, so a slow reply never delays heartbeats.
/// Work with the same order key (a channel id) runs one after another, in arrival order; everything else runs in
/// parallel. An item queued with a release id lets the next one in its order start as soon as it calls
/// <see cref="Release"/> (a message that has joined its member's burst), so a burst's messages gather instead of each
/// waiting for the previous one's whole reply. Each item gets its own DI scope and a timeout, and its failure is logged and contained. When
/// <see cref="Capacity"/> items are already waiting, new ones are refused (and logged) rather than queued without end:
/// the receive loop can never wait.
/// </summary>
public sealed partial class BackgroundWork(IServiceScopeFactory scopes, TimeProvider time, SecretRedactor redactor, ILogger<BackgroundWork> logger)
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _releases = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Items accepted and not yet finished.</summary>
    public int Pending
    {
        get { lock (_gate) return _running.Count; }
    }

    /// <summary>Queues a responder call; false when the queue is full (the event is dropped, with a log line).</summary>
    public bool Run(string? orderKey, string what, TimeSpan timeout, Func<IServiceProvider, CancellationToken, Task> work, string? releaseId = null)
    {
        lock (_gate)
        {
            if (_running.Count >= Capacity)
            {
                LogQueueFull(logger, what, Capacity);
                return false;
            }
            var previous = orderKey is not null && _tails.TryGetValue(orderKey, out var tail) ? tail : Task.CompletedTask;
            var task = Task.Run(() => RunAfterAsync(previous, what, timeout, work));
            _running.Add(task);
            var released = releaseId is not null && orderKey is not null ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            if (released is not null) _releases[releaseId!] = released;
            var tailTask = released?.Task ?? task;
            if (orderKey is not null) _tails[orderKey] = tailTask;
            _ = task.ContinueWith(t => Forget(t, tailTask, orderKey, releaseId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return true;
        }
    }

    /// <summary>
    /// Lets the next item in this item's order start now, while this one keeps running; false when no waiting item was
    /// queued under this id (already released, finished, or never queued here).
    /// </summary>
    public bool Release(string releaseId)
    {
        TaskCompletionSource? released;
        lock (_gate)
        {
            if (!_releases.Remove(releaseId, out released)) return false;
        }
        released.TrySetResult();
        return true;
    }

    /// <summary>Cancels what is still running and waits for it to wind down.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunAfterAsync(Task previous, string what, TimeSpan timeout, Func<IServiceProvider, CancellationToken, Task> work)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, deadline.Token);
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await work(scope.ServiceProvider, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogTimedOut(logger, what, timeout.TotalSeconds);
        }
#pragma warning disable CA1031 // a failing responder is logged and must not take the gateway down
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, what, redactor.Describe(ex));
        }
    }

    private void Forget(Task task, Task tailTask, string? orderKey, string? releaseId)
    {
        lock (_gate)
        {
            _running.Remove(task);
            if (orderKey is not null && _tails.TryGetValue(orderKey, out var tail) && tail == tailTask) _tails.Remove(orderKey);
        }
        if (releaseId is not null) _ = Release(releaseId);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Handling {What} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string what, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Handling {What} took longer than {Seconds:0} s; cancelled")]
    private static partial void LogTimedOut(ILogger logger, string what, double seconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Dropped {What}: {Capacity} events are already waiting for a responder")]
    private static partial void LogQueueFull(ILogger logger, string what, int capacity);
}
