namespace CompanionBot.Transport.Discord;

/// <summary>The last few thousand event ids seen, so events replayed by a resume (or delivered twice) are handled once.</summary>
public sealed class RecentIds(int capacity = 10_000)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True when the id is new.</summary>
    public bool Add(string id)
    {
        lock (_gate)
        {
            if (!_ids.Add(id)) return false;
            _order.Enqueue(id);
            if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
            return true;
        }
    }
}
