using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>
/// Sends REST calls to Discord: bot auth (except interaction routes), the required User-Agent, rate limits, 429s waited
/// out, 5xx/network retried a few times. A 401 disables the token for good (a bad token must not be hammered).
/// </summary>
public sealed class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    RestRateLimiter limiter,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordRestClient> logger)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan CloudflareBackoff = TimeSpan.FromMinutes(10);
    private const int MaxServerErrorRetries = 3;

    private readonly TaskCompletionSource _rejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _tokenRejected;

    public bool TokenRejected => _tokenRejected;

    /// <summary>Completes when Discord answers 401: the token is bad and the bot must stop, not retry.</summary>
    public Task TokenRejection => _rejected.Task;

    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var serverErrors = 0;
        while (true)
        {
            if (_tokenRejected && !request.IsInteraction) return RestResponse.Failed("the bot token was rejected (401)");
            if (limiter.InvalidRequestBudgetExhausted) return RestResponse.Failed("too many invalid requests in 10 minutes; holding off to avoid a ban");

            if (await limiter.EnterAsync(request, cancellationToken).ConfigureAwait(false) is not { } bucket)
            {
                return new RestResponse(429, null, null, "global budget short; courtesy request skipped");
            }
            HttpResponseMessage? response = null;
            try
            {
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                if (response is not null) limiter.Apply(request, bucket, response);
            }
            finally
            {
                bucket.Leave();
            }

            using (response)
            {
                if (response is null)
                {
                    if (!request.RetryFailures) return RestResponse.Failed($"no answer from Discord for {request.RouteKey}");
                    if (++serverErrors > MaxServerErrorRetries) return RestResponse.Failed($"no response from Discord for {request.RouteKey}");
                    await Task.Delay(TimeSpan.FromSeconds(1 + 2 * (serverErrors - 1)), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var status = (int)response.StatusCode;
                var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                if (status == 429 && body is null)
                {
                    // Opcodes and Status Codes / Rate Limits, "Invalid Request Limit": an HTML 429 with no JSON body is
                    // Cloudflare blocking the IP, not a bucket limit; every request waits, none is retried now
                    var ban = response.Headers.RetryAfter?.Delta ?? CloudflareBackoff;
                    limiter.CountInvalid(status, null);
                    limiter.PauseGlobally(ban);
                    RestLog.CloudflareBlocked(logger, request.RouteKey, ban.TotalSeconds);
                    return new RestResponse(429, null, null, "blocked by Cloudflare; every request paused");
                }
                if (status == 429)
                {
                    var retryAfter = RetryAfter(response, body);
                    var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var s) ? s.FirstOrDefault() : null;
                    limiter.CountInvalid(status, scope);
                    if (IsTrue(Field(body, "global")) || response.Headers.Contains("X-RateLimit-Global")) limiter.PauseGlobally(retryAfter);
                    waited += retryAfter;
                    if (request.SkipWhenRateLimited) return new RestResponse(429, body, null, "rate limited; skipped");
                    if (waited > MaxRateLimitWait) return new RestResponse(429, body, null, "rate limited for too long; gave up");
                    logger.LogWarning("Discord rate limit on {Route}: waiting {Seconds:0.###} s (scope {Scope})", request.RouteKey, retryAfter.TotalSeconds, scope ?? "route");
                    await Task.Delay(retryAfter, time, cancellationToken).ConfigureAwait(false);
                    logger.LogDebug("Retrying {Route} after the rate limit", request.RouteKey);
                    continue;
                }
                if (status is 401 or 403) limiter.CountInvalid(status, null);
                if (status == 401 && !request.IsInteraction)
                {
                    _tokenRejected = true;
                    _rejected.TrySetResult();
                    logger.LogError("Discord answered 401 Unauthorized: the bot token is invalid; REST disabled");
                }
                if (status is 500 or 502 or 503 or 504 or 524 && request.RetryFailures && ++serverErrors <= MaxServerErrorRetries)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1 + 2 * (serverErrors - 1)), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var code = Field(body, "code") is JsonValue v && v.TryGetValue<int>(out var c) ? c : (int?)null;
                if (status >= 400)
                {
                    logger.LogWarning("Discord {Route} failed: HTTP {Status}, code {Code}: {Message}", request.RouteKey, status, code, redactor.Redact(Field(body, "message")?.ToString()));
                }
                return new RestResponse(status, body, code, status >= 400 ? $"HTTP {status}" : null);
            }
        }
    }

    private async Task<HttpResponseMessage?> SendOnceAsync(RestRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(BaseUri, request.Path));
        message.Headers.UserAgent.ParseAdd($"DiscordBot ({options.Value.ProjectUrl}, {Version})");
        if (!request.IsInteraction) message.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.Token);
        if (request.File is { } file)
        {
            // A reply with a file: the JSON goes in payload_json, the bytes in files[0].
            message.Content = new MultipartFormDataContent
            {
                { new StringContent(request.Body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"), "payload_json" },
                { new ByteArrayContent(file.Bytes), "files[0]", file.Name },
            };
        }
        else if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var timeout = new CancellationTokenSource(request.Timeout ?? RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Discord {Route} did not answer: {Error}", request.RouteKey, redactor.Describe(ex));
            return null;
        }
    }

    private Uri BaseUri => new(options.Value.ApiBaseUrl.TrimEnd('/') + "/");

    private static string Version => typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    private static async Task<JsonNode?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A field of an object body; null for arrays (command lists) and empty bodies.</summary>
    private static JsonNode? Field(JsonNode? body, string name) => body is JsonObject o ? o[name] : null;

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static TimeSpan RetryAfter(HttpResponseMessage response, JsonNode? body)
    {
        if (Field(body, "retry_after") is JsonValue value && value.TryGetValue<double>(out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var header))
        {
            return TimeSpan.FromSeconds(Math.Max(0, header));
        }
        return TimeSpan.FromSeconds(5);
    }
}
