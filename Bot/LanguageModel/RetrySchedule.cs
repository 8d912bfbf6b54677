using CompanionBot.Common;

namespace CompanionBot.LanguageModel;

/// <summary>
/// How long to wait before retry n (1-based): base × 2^(n-1), capped, minus a random share (jitter); a server's
/// Retry-After wins when it asks for longer, unless it asks for more than the cap, which ends the call.
/// </summary>
public sealed class RetrySchedule(LlmOptions options, IRandomSource random)
{
    public TimeSpan Backoff(int retry)
    {
        var exponential = options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalSeconds);
        var jittered = capped * (1 - options.RetryJitter * random.NextDouble());
        return TimeSpan.FromSeconds(jittered);
    }

    /// <summary>The wait before retry <paramref name="retry"/>, or null when the server wants more than the cap.</summary>
    public TimeSpan? DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > options.RetryAfterCap) return null;
        var backoff = Backoff(retry);
        return retryAfter is { } wait && wait > backoff ? wait : backoff;
    }
}
