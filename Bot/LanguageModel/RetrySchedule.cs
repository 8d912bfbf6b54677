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
        return ExponentialBackoff.Delay(retry, options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter, random.NextDouble());
    }

    /// <summary>The wait before retry <paramref name="retry"/>, or null when the server wants more than the cap.</summary>
    public TimeSpan? DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > options.RetryAfterCap) return null;
        var backoff = Backoff(retry);
        return retryAfter is { } wait && wait > backoff ? wait : backoff;
    }
}
