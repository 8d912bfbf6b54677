using System.Runtime.ExceptionServices;

namespace CompanionBot.Concurrency;

/// <summary>What became of one request in a batch: its value, or the failure that is its caller's alone.</summary>
public readonly record struct Completion<TResult>(TResult? Value, Exception? Error)
{
    public static Completion<TResult> Of(TResult value) => new(value, null);

    public static Completion<TResult> Failed(Exception error) => new(default, error);
}

/// <summary>
/// Runs the work of concurrent callers together, leader and followers, with no timer and no background thread (the
/// group commit and the batching encoder): a caller with nothing in flight runs its own request at once (so a lone
/// caller never waits for a window); callers arriving meanwhile queue and await, holding no thread; when the work in
/// flight returns, the oldest of them leads the next run with everything queued (up to <c>maxWeight</c>).
/// <para>
/// The work runs synchronously on the leader's thread and returns one <see cref="Completion{TResult}"/> per request,
/// in order; if it throws, every request of that run fails with the exception. Not cancellable once queued: a
/// request is either done or failed.
/// </para>
/// </summary>
/// <param name="work">Runs one batch, in queue order.</param>
/// <param name="maxWeight">The most weight one run carries; a single request heavier than that still runs, alone.</param>
/// <param name="weight">A request's weight (texts in it, say); 1 each when null.</param>
public sealed class LeaderFollowerBatcher<TRequest, TResult>(
    Func<IReadOnlyList<TRequest>, IReadOnlyList<Completion<TResult>>> work,
    int maxWeight = int.MaxValue,
    Func<TRequest, int>? weight = null)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _queue = [];
    private bool _leading;

    /// <summary>Requests queued for the next run (not counting the run in flight).</summary>
    public int Waiting
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>True while a run is in flight (a caller arriving now queues and awaits).</summary>
    public bool Running
    {
        get { lock (_gate) return _leading; }
    }

    /// <summary>Completes once the run holding <paramref name="request"/> returned: its value, or its failure thrown.</summary>
    public async ValueTask<TResult> RunAsync(TRequest request)
    {
        var entry = new Entry(request);
        bool lead;
        lock (_gate)
        {
            _queue.Add(entry);
            lead = !_leading;
            _leading = true;
        }
        if (!lead && !await entry.Lead.ConfigureAwait(false)) return entry.Result();

        List<Entry> batch;
        lock (_gate) batch = TakeBatch();
        try
        {
            Execute(batch);
        }
        finally
        {
            lock (_gate)
            {
                if (_queue.Count == 0) _leading = false;
                else _queue[0].TakeTheLead();
            }
        }
        return entry.Result();
    }

    /// <summary>From the front of the queue (the leader is always first), as many requests as fit in the weight.</summary>
    private List<Entry> TakeBatch()
    {
        var count = 0;
        var total = 0L;
        while (count < _queue.Count)
        {
            var w = weight?.Invoke(_queue[count].Request) ?? 1;
            if (count > 0 && total + w > maxWeight) break;
            total += w;
            count++;
        }
        var batch = _queue.GetRange(0, count);
        _queue.RemoveRange(0, count);
        return batch;
    }

    private void Execute(List<Entry> batch)
    {
        IReadOnlyList<Completion<TResult>> outcomes;
        try
        {
            outcomes = work(batch.ConvertAll(e => e.Request));
            if (outcomes.Count != batch.Count) throw new InvalidOperationException($"the batch work returned {outcomes.Count} outcomes for {batch.Count} requests");
        }
        catch (Exception ex)
        {
            foreach (var e in batch) e.Complete(Completion<TResult>.Failed(ex));
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Complete(outcomes[i]);
    }

    private sealed class Entry(TRequest request)
    {
        // Continuations run asynchronously: completing a follower never runs its code on the leader's thread.
        private readonly TaskCompletionSource<bool> _lead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Completion<TResult> _outcome;

        public TRequest Request => request;

        /// <summary>Completes with false when this request is done, true when its caller must lead the next run.</summary>
        public Task<bool> Lead => _lead.Task;

        public void TakeTheLead() => _lead.TrySetResult(true);

        public void Complete(Completion<TResult> outcome)
        {
            _outcome = outcome;
            // A follower that became leader already has its signal (true); it reads its outcome after its own run.
            _lead.TrySetResult(false);
        }

        public TResult Result()
        {
            if (_outcome.Error is { } error) ExceptionDispatchInfo.Throw(error);
            return _outcome.Value!;
        }
    }
}
