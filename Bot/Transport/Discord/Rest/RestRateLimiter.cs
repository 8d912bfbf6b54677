using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>
/// Discord's REST limits: buckets learnt from X-RateLimit-Bucket (per route until known), tracked per major parameter,
/// one request in flight per bucket; the global 50/s (interactions exempt) and global 429 pauses; and a guard on the
/// volume of 401/403/429 answers that would get the IP banned by Cloudflare.
/// </summary>
/// <remarks>
/// Under load replies come first: the global budget is taken first come first served, and a courtesy request (typing)
/// is skipped, not queued, once <see cref="CourtesyShare"/> of the global budget is in use.
/// </remarks>
public sealed class RestRateLimiter(TimeProvider time, ILogger<RestRateLimiter> logger, Microsoft.Extensions.Options.IOptions<DiscordOptions>? options = null)
{
    public const double CourtesyShare = 0.6;

    public const int InvalidRequestWarnAt = 5_000;
    public const int InvalidRequestStopAt = 9_000;
    private const int MaxIdleBuckets = 10_000;

    private readonly ConcurrentDictionary<string, string> _bucketByRoute = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly SlidingWindowLimiter _global = new(options?.Value.GlobalRequestsPerSecond ?? 50, TimeSpan.FromSeconds(1), time);
    private readonly SemaphoreSlim _globalTurn = new(1, 1);
    private readonly SlidingWindowLimiter _invalid = new(10_000, TimeSpan.FromMinutes(10), time);
    private long _globalPauseUntil;

    public int InvalidRequestCount => _invalid.Count;

    public bool InvalidRequestBudgetExhausted => _invalid.Count >= InvalidRequestStopAt;

    /// <summary>
    /// Waits for the request's turn; call <see cref="Bucket.Leave"/> once the response headers were applied. Null for a
    /// courtesy request (<see cref="RestRequest.SkipWhenRateLimited"/>) when the global budget is short: it is dropped.
    /// </summary>
    public async Task<Bucket?> EnterAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var bucket = BucketFor(request);
        await bucket.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitUntilAsync(bucket.ResetAt, () => bucket.Remaining == 0, cancellationToken).ConfigureAwait(false);
            if (request.IsInteraction) return bucket;
            if (request.SkipWhenRateLimited)
            {
                if (Volatile.Read(ref _globalPauseUntil) > time.GetTimestamp() || _global.TryTake((int)(_global.Limit * CourtesyShare)) is not null)
                {
                    bucket.Turn.Release();
                    return null;
                }
                return bucket;
            }
            await WaitUntilAsync(Volatile.Read(ref _globalPauseUntil), () => true, cancellationToken).ConfigureAwait(false);
            await _globalTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _global.TakeAsync(null, cancellationToken).ConfigureAwait(false); // one waiter at a time: first come, first served
            }
            finally
            {
                _globalTurn.Release();
            }
            return bucket;
        }
        catch
        {
            bucket.Turn.Release();
            throw;
        }
    }

    /// <summary>Learns the bucket and its remaining budget from a response's headers.</summary>
    public void Apply(RestRequest request, Bucket bucket, HttpResponseMessage response)
    {
        // Rate Limits topic, "Header Format": X-RateLimit-Bucket may change for a route, and routes sharing a hash share
        // the limit; follow the latest hash, and from then on queue this route's requests under it
        if (Header(response, "X-RateLimit-Bucket") is { } hash && (!_bucketByRoute.TryGetValue(request.RouteKey, out var known) || known != hash))
        {
            _bucketByRoute[request.RouteKey] = hash;
            _buckets.TryAdd($"{hash}|{request.MajorParameter}", bucket);
        }
        if (Header(response, "X-RateLimit-Remaining") is { } remaining && int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r))
        {
            bucket.Remaining = r;
        }
        if (Header(response, "X-RateLimit-Reset-After") is { } after && double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            bucket.ResetAt = time.GetTimestamp() + (long)(seconds * time.TimestampFrequency);
        }
    }

    /// <summary>Counts a 401/403/429 toward the invalid-request limit (shared-scope 429s do not count).</summary>
    public void CountInvalid(int status, string? scope)
    {
        if (status == 429 && string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase)) return;
        var count = _invalid.Record();
        if (count == InvalidRequestWarnAt)
        {
            RestLog.ManyInvalidRequests(logger, count);
        }
    }

    public void PauseGlobally(TimeSpan retryAfter)
    {
        var until = time.GetTimestamp() + (long)(retryAfter.TotalSeconds * time.TimestampFrequency);
        Volatile.Write(ref _globalPauseUntil, Math.Max(Volatile.Read(ref _globalPauseUntil), until));
    }

    private Bucket BucketFor(RestRequest request)
    {
        var key = _bucketByRoute.TryGetValue(request.RouteKey, out var hash) ? hash : request.RouteKey;
        if (request.IsInteraction) key = request.Path; // unique per interaction token: no queue shared with anything
        if (_buckets.Count > MaxIdleBuckets) SweepIdle();
        if (hash is not null && !request.IsInteraction && !_buckets.ContainsKey($"{key}|{request.MajorParameter}")
            && _buckets.TryGetValue($"{request.RouteKey}|{request.MajorParameter}", out var madeBeforeTheHash))
        {
            // a bucket this major parameter used before the hash was learnt keeps its queue and its remaining budget
            return _buckets.GetOrAdd($"{key}|{request.MajorParameter}", madeBeforeTheHash);
        }
        return _buckets.GetOrAdd($"{key}|{request.MajorParameter}", _ => new Bucket());
    }

    /// <summary>Buckets are per channel and per interaction: drop the idle ones so a long-running bot does not grow without end.</summary>
    private void SweepIdle()
    {
        var now = time.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Turn.CurrentCount == 1 && bucket.ResetAt <= now) _buckets.TryRemove(key, out _);
        }
    }

    private async Task WaitUntilAsync(long until, Func<bool> applies, CancellationToken cancellationToken)
    {
        if (until == 0 || !applies()) return;
        var wait = time.GetElapsedTime(time.GetTimestamp(), until);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>One rate-limit bucket for one major parameter. Requests on it go one at a time.</summary>
    public sealed class Bucket
    {
        internal SemaphoreSlim Turn { get; } = new(1, 1);

        internal int? Remaining { get; set; }

        internal long ResetAt { get; set; }

        public void Leave() => Turn.Release();
    }
}
