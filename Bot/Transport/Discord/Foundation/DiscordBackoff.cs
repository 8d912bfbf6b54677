using CompanionBot.Common;

namespace CompanionBot.Transport.Discord.Foundation;

/// <summary>
/// The Discord transport's one backoff schedule (REST 5xx retries, gateway discovery, shard reconnects): the ceiling
/// starts at <c>first</c> and doubles with each failure up to <c>cap</c>, and the wait is 50-100% of the ceiling, the
/// share drawn from the injected random source, so processes that failed together do not come back in step
/// (<see cref="ExponentialBackoff"/> with half the ceiling as jitter).
/// </summary>
public static class DiscordBackoff
{
    /// <param name="failures">Failures in a row so far, 1 for the first.</param>
    /// <param name="random">A draw in [0, 1) from <see cref="Common.IRandomSource"/>.</param>
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan cap, double random) =>
        ExponentialBackoff.Delay(failures, first, cap, jitter: 0.5, draw: 1 - Math.Clamp(random, 0, 1));
}
