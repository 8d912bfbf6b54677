using System.ClientModel;
using System.Globalization;
using System.Text.Json;

namespace CompanionBot.LanguageModel;

/// <summary>Why one HTTP attempt failed, whether trying again can help, and how long the server asked us to wait.</summary>
public sealed record AttemptFailure(string Reason, bool Retryable, TimeSpan? RetryAfter = null)
{
    private static readonly int[] RetryableStatuses = [408, 429, 500, 502, 503, 504];

    public static AttemptFailure Timeout(TimeSpan after) =>
        new($"no answer within {after.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", Retryable: true);

    /// <summary>Classifies an SDK exception. Its message is never used: it may quote the server's body.</summary>
    public static AttemptFailure From(Exception exception, DateTimeOffset now) => exception switch
    {
        ClientResultException { Status: 0 } => new("could not reach the endpoint", Retryable: true),
        ClientResultException e => new($"HTTP {e.Status}", RetryableStatuses.Contains(e.Status), RetryAfterOf(e, now)),
        HttpRequestException or IOException => new("could not reach the endpoint", Retryable: true),
        JsonException or FormatException or InvalidOperationException or KeyNotFoundException
            => new("the endpoint's answer could not be read", Retryable: false),
        _ => new($"unexpected {exception.GetType().Name}", Retryable: false),
    };

    /// <summary>retry-after-ms, then Retry-After in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfterOf(ClientResultException exception, DateTimeOffset now)
    {
        var headers = exception.GetRawResponse()?.Headers;
        if (headers is null) return null;
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        if (!headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at > now ? at - now : TimeSpan.Zero;
        }
        return null;
    }
}
