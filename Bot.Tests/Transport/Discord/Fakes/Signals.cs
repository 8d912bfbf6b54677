namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// A thread-safe log of things that happened, with waits for "the first item matching X" (past or future). The timeout
/// is only a failure guard: tests wait on the event itself, never on the clock.
/// </summary>
public sealed class Signals<T>
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public void Add(T item)
    {
        List<TaskCompletionSource<T>> hit = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var w in _waiters.Where(w => w.Match(item)).ToList())
            {
                _waiters.Remove(w);
                hit.Add(w.Done);
            }
        }
        foreach (var done in hit) done.TrySetResult(item);
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate) return [.. _items];
    }

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    /// <param name="from">Only items added at or after this position count (use <see cref="Count"/> as a mark).</param>
    public async Task<T> WaitForAsync(Func<T, bool> match, string what, int from = 0)
    {
        TaskCompletionSource<T> done;
        lock (_gate)
        {
            var index = _items.FindIndex(Math.Min(from, _items.Count), new Predicate<T>(match));
            if (index >= 0) return _items[index];
            done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            throw new AssertionException($"timed out waiting for {what}; seen: {string.Join(" | ", Snapshot())}");
        }
    }
}
