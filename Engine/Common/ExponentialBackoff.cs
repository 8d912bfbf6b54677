namespace CompanionBot.Common;

/// <summary>
/// The project's one retry schedule (the language model's retries, Discord's REST retries, gateway discovery and shard
/// reconnects): the ceiling starts at <c>first</c> and doubles with each attempt up to <c>cap</c>, and the wait is
/// the ceiling less a drawn share of it, so callers that failed together do not come back in step.
/// </summary>
public static class ExponentialBackoff
{
    /// <param name="attempt">Attempts in a row so far, 1 for the first (below 1 counts as 1).</param>
    /// <param name="jitter">The largest share of the ceiling taken off (0 waits the full ceiling).</param>
    /// <param name="draw">A draw in [0, 1] from <see cref="IRandomSource"/>: the share of <paramref name="jitter"/> taken off.</param>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan cap, double jitter, double draw)
    {
        var doublings = Math.Clamp(attempt, 1, 31) - 1;
        var ceiling = Math.Min(cap.TotalSeconds, first.TotalSeconds * Math.Pow(2, doublings));
        return TimeSpan.FromSeconds(ceiling * (1 - jitter * Math.Clamp(draw, 0, 1)));
    }
}
