using System.Globalization;
using System.Net;
using Discord.Net.Rest;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Discord.Net's REST client with the two things it lacks (docs/decisions/0002-discord-transport.md): every request
/// but the interaction routes waits for a slot in the process's <see cref="GlobalRequestBudget"/>, and a global 429
/// pauses the budget for its Retry-After seconds and is retried here, so Discord.Net never sees it (its RequestQueue
/// would read the seconds as milliseconds). Typing is skipped with a made-up 204 when most of the budget is used.
/// Discord.Net keeps its per-route buckets.
/// </summary>
public sealed class BudgetedRestClient(IRestClient inner, GlobalRequestBudget budget) : IRestClient
{
    /// <summary>A global 429 is waited out and retried this many times before Discord.Net sees it.</summary>
    public const int GlobalRetries = 3;

    /// <summary>Retry-After is capped: a longer global pause means something is badly wrong (Discord bans, Cloudflare).</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(60);

    private CancellationToken _cancel;

    public void SetHeader(string key, string value) => inner.SetHeader(key, value);

    public void SetCancelToken(CancellationToken cancelToken)
    {
        _cancel = cancelToken;
        inner.SetCancelToken(cancelToken);
    }

    public Task<RestResponse> SendAsync(string method, string endpoint, CancellationToken cancelToken, bool headerOnly = false, string? reason = null,
        IEnumerable<KeyValuePair<string, IEnumerable<string>>>? requestHeaders = null) =>
        SendBudgetedAsync(endpoint, cancelToken, retryable: true, () => inner.SendAsync(method, endpoint, cancelToken, headerOnly, reason, requestHeaders));

    public Task<RestResponse> SendAsync(string method, string endpoint, string json, CancellationToken cancelToken, bool headerOnly = false, string? reason = null,
        IEnumerable<KeyValuePair<string, IEnumerable<string>>>? requestHeaders = null) =>
        SendBudgetedAsync(endpoint, cancelToken, retryable: true, () => inner.SendAsync(method, endpoint, json, cancelToken, headerOnly, reason, requestHeaders));

    /// <summary>A multipart body's streams are read once: its global 429 goes back to Discord.Net after the pause.</summary>
    public Task<RestResponse> SendAsync(string method, string endpoint, IReadOnlyDictionary<string, object> multipartParams, CancellationToken cancelToken, bool headerOnly = false,
        string? reason = null, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? requestHeaders = null) =>
        SendBudgetedAsync(endpoint, cancelToken, retryable: false, () => inner.SendAsync(method, endpoint, multipartParams, cancelToken, headerOnly, reason, requestHeaders));

    public void Dispose() => inner.Dispose();

    /// <summary>Rate Limits: interaction routes (callbacks and the interaction webhook) are outside the global limit.</summary>
    public static bool IsInteractionRoute(string endpoint) =>
        endpoint.StartsWith("interactions/", StringComparison.Ordinal) || endpoint.StartsWith("webhooks/", StringComparison.Ordinal);

    public static bool IsTyping(string endpoint) => endpoint.StartsWith("channels/", StringComparison.Ordinal) && endpoint.EndsWith("/typing", StringComparison.Ordinal);

    private async Task<RestResponse> SendBudgetedAsync(string endpoint, CancellationToken cancelToken, bool retryable, Func<Task<RestResponse>> send)
    {
        if (IsInteractionRoute(endpoint)) return await send().ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancelToken, _cancel);
        if (IsTyping(endpoint) && !budget.TryTakeCourtesy())
        {
            return new RestResponse(HttpStatusCode.NoContent, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), null);
        }
        if (!IsTyping(endpoint)) await budget.TakeAsync(linked.Token).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var response = await send().ConfigureAwait(false);
            if (GlobalRetryAfter(response) is not { } pause) return response;
            budget.PauseFor(pause);
            if (!retryable || attempt >= GlobalRetries) return response;
            response.Stream?.Dispose();
            await budget.TakeAsync(linked.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Rate Limits, "Header Format": a 429 with X-RateLimit-Global (or scope global) names its wait in seconds.</summary>
    public static TimeSpan? GlobalRetryAfter(RestResponse response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests || response.Headers is not { } headers) return null;
        var global = Header(headers, "X-RateLimit-Global") is { } g && g.Equals("true", StringComparison.OrdinalIgnoreCase)
            || Header(headers, "X-RateLimit-Scope") is "global";
        if (!global) return null;
        var seconds = double.TryParse(Header(headers, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;
        var wait = TimeSpan.FromSeconds(seconds);
        return wait < MaxPause ? wait : MaxPause;
    }

    private static string? Header(Dictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value)) return value;
        foreach (var (key, v) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }
}
