using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompanionBot.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>
/// Sends REST calls to Discord: bot auth (except interaction routes), the required User-Agent, rate limits, 429s waited
/// out (as long as Discord says, up to <see cref="MaxRateLimitWait"/>), 5xx and missing answers retried by a Polly.Core
/// pipeline on the injected clock (<see cref="MaxServerErrorRetries"/> times, jittered exponential backoff capped at
/// <see cref="MaxServerErrorDelay"/>); other 4xx are answers, never retried. A 401 disables the token for good (a bad
/// token must not be hammered).
/// </summary>
public sealed class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    RestRateLimiter limiter,
    TimeProvider time,
    IRandomSource jitter,
    SecretRedactor redactor,
    ILogger<DiscordRestClient> logger,
    Telemetry.CompanionMetrics? metrics = null)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan CloudflareBackoff = TimeSpan.FromMinutes(10);
    public const int MaxServerErrorRetries = 3;
    public static readonly TimeSpan FirstServerErrorDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxServerErrorDelay = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _rejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<ResiliencePipeline<Attempt>> _serverErrors = new(() => ServerErrorPipeline(time, jitter, logger));
    private volatile bool _tokenRejected;

    public bool TokenRejected => _tokenRejected;

    /// <summary>Completes when Discord answers 401: the token is bad and the bot must stop, not retry.</summary>
    public Task TokenRejection => _rejected.Task;

    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var rateLimited = new RateLimitBudget();
        var pipeline = request.RetryFailures ? _serverErrors.Value : ResiliencePipeline<Attempt>.Empty;
        var attempt = await pipeline.ExecuteAsync(
            async token => await AttemptAsync(request, rateLimited, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return attempt.Response;
    }

    /// <summary>
    /// A 5xx is Discord's own error (Opcodes and Status Codes, "HTTP Response Codes"), and a missing answer may be the
    /// network: the same request (same nonce) can succeed later, so these are tried again; nothing else is.
    /// </summary>
    private static ResiliencePipeline<Attempt> ServerErrorPipeline(TimeProvider time, IRandomSource jitter, ILogger logger) =>
        new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { ServerTrouble: true }),
                MaxRetryAttempts = MaxServerErrorRetries,
                MaxDelay = MaxServerErrorDelay,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    DiscordBackoff.After(args.AttemptNumber + 1, FirstServerErrorDelay, MaxServerErrorDelay, jitter.NextDouble())),
                OnRetry = args =>
                {
                    RestLog.ServerErrorRetry(logger, args.Outcome.Result!.Route, args.Outcome.Result.Response.Status, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();

    /// <summary>One try, 429s waited out inside it (they are Discord's instruction, not a failure).</summary>
    private async Task<Attempt> AttemptAsync(RestRequest request, RateLimitBudget rateLimited, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_tokenRejected && !request.IsInteraction) return Done(RestResponse.Failed("the bot token was rejected (401)"));
            if (limiter.InvalidRequestBudgetExhausted) return Done(RestResponse.Failed("too many invalid requests in 10 minutes; holding off to avoid a ban"));

            if (await limiter.EnterAsync(request, cancellationToken).ConfigureAwait(false) is not { } bucket)
            {
                return Done(new RestResponse(429, null, null, "global budget short; courtesy request skipped"));
            }
            HttpResponseMessage? response = null;
            try
            {
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                metrics?.RestRequest(request.RouteKey);
                if (response is not null) limiter.Apply(request, bucket, response);
            }
            finally
            {
                bucket.Leave();
            }

            using (response)
            {
                if (response is null) return new Attempt(request.RouteKey, RestResponse.Failed($"no answer from Discord for {request.RouteKey}"), ServerTrouble: true);
                var status = (int)response.StatusCode;
                var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                if (status == 429) metrics?.RestRateLimited(request.RouteKey);
                if (status == 429 && body is null)
                {
                    // Opcodes and Status Codes / Rate Limits, "Invalid Request Limit": an HTML 429 with no JSON body is
                    // Cloudflare blocking the IP, not a bucket limit; every request waits, none is retried now
                    var ban = response.Headers.RetryAfter?.Delta ?? CloudflareBackoff;
                    limiter.CountInvalid(status, null);
                    limiter.PauseGlobally(ban);
                    RestLog.CloudflareBlocked(logger, request.RouteKey, ban.TotalSeconds);
                    return Done(new RestResponse(429, null, null, "blocked by Cloudflare; every request paused"));
                }
                if (status == 429)
                {
                    var retryAfter = RetryAfter(response, body);
                    var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var s) ? s.FirstOrDefault() : null;
                    limiter.CountInvalid(status, scope);
                    if (IsTrue(Field(body, "global")) || response.Headers.Contains("X-RateLimit-Global")) limiter.PauseGlobally(retryAfter);
                    rateLimited.Waited += retryAfter;
                    if (request.SkipWhenRateLimited) return Done(new RestResponse(429, body, null, "rate limited; skipped"));
                    if (rateLimited.Waited > MaxRateLimitWait) return Done(new RestResponse(429, body, null, "rate limited for too long; gave up"));
                    RestLog.RateLimited(logger, request.RouteKey, retryAfter.TotalSeconds, scope ?? "route");
                    await Task.Delay(retryAfter, time, cancellationToken).ConfigureAwait(false);
                    RestLog.RetryingAfterRateLimit(logger, request.RouteKey);
                    continue;
                }
                if (status is 401 or 403) limiter.CountInvalid(status, null);
                if (status == 401 && !request.IsInteraction)
                {
                    _tokenRejected = true;
                    _rejected.TrySetResult();
                    RestLog.TokenRejected(logger);
                }
                var code = Field(body, "code") is JsonValue v && v.TryGetValue<int>(out var c) ? c : (int?)null;
                if (status >= 400) RestLog.Failed(logger, request.RouteKey, status, code, redactor.Redact(Field(body, "message")?.ToString()));
                var answer = new RestResponse(status, body, code, status >= 400 ? $"HTTP {status}" : null);
                return new Attempt(request.RouteKey, answer, ServerTrouble: status is 500 or 502 or 503 or 504 or 524);
            }

            Attempt Done(RestResponse final) => new(request.RouteKey, final, ServerTrouble: false);
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
            RestLog.NoAnswer(logger, request.RouteKey, redactor.Describe(ex));
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

    /// <summary>What one try came to; <paramref name="ServerTrouble"/> marks the answers worth trying again.</summary>
    private sealed record Attempt(string Route, RestResponse Response, bool ServerTrouble);

    /// <summary>The time spent waiting out 429s over the whole call, retries included.</summary>
    private sealed class RateLimitBudget
    {
        public TimeSpan Waited { get; set; }
    }
}
