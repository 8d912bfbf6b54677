using System.ClientModel;
using System.ClientModel.Primitives;
using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace CompanionBot.LanguageModel;

/// <summary>
/// Any OpenAI-compatible chat endpoint through the official SDK, with the SDK's own retries switched off and an
/// explicit policy on the injected clock instead: per-attempt timeout, capped exponential backoff with jitter,
/// Retry-After honoured up to a cap, an overall deadline, and a circuit breaker. Failures come back as values.
/// </summary>
public sealed partial class OpenAiChatModel : IChatModel
{
    private readonly ChatClient _client;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly RetrySchedule _schedule;
    private readonly ILogger _logger;

    public OpenAiChatModel(IOptions<LlmOptions> options, TimeProvider time, IRandomSource random, ILogger<OpenAiChatModel> logger)
        : this(options.Value, time, random, logger)
    {
    }

    internal OpenAiChatModel(LlmOptions options, TimeProvider time, IRandomSource random, ILogger? logger = null)
    {
        _options = options;
        _time = time;
        _schedule = new RetrySchedule(options, random);
        _logger = logger ?? NullLogger.Instance;
        Breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakerCooldown, time);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint ?? throw new ArgumentException("Llm:Endpoint is not set", nameof(options))),
            // Retries and timeouts are ours, on the injected clock; the SDK's network timeout is only a backstop.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Deadline + TimeSpan.FromSeconds(15),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey;
        if (string.IsNullOrWhiteSpace(options.Model)) throw new ArgumentException("Llm:Model is not set", nameof(options));
        _client = new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions);
    }

    public bool IsConfigured => true;

    public CircuitBreaker Breaker { get; }

    public async Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        var messages = ToMessages(prompt);
        var settings = Settings(prompt.Settings);
        var deadlineAt = _time.GetUtcNow() + _options.Deadline;
        using var deadline = new CancellationTokenSource(_options.Deadline, _time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        for (var attempt = 0; ; attempt++)
        {
            if (!Breaker.TryAcquire()) return Unavailable("the circuit is open after repeated failures");

            var remaining = deadlineAt - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return Unavailable("no time left before the deadline");
            var timeout = remaining < _options.AttemptTimeout ? remaining : _options.AttemptTimeout;
            AttemptFailure failure;
            using (var attemptTimeout = new CancellationTokenSource(timeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Token, attemptTimeout.Token))
            {
                try
                {
                    var result = await _client.CompleteChatAsync(messages, settings, linked.Token).ConfigureAwait(false);
                    Breaker.RecordSuccess();
                    return Interpret(result.Value);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Breaker.Abandon();
                    throw;
                }
                catch (OperationCanceledException)
                {
                    failure = AttemptFailure.Timeout(timeout);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failure = AttemptFailure.From(ex, _time.GetUtcNow());
                }
            }
            Breaker.RecordFailure();
            LogAttemptFailed(attempt + 1, failure.Reason);

            if (!failure.Retryable) return Unavailable(failure.Reason);
            if (Breaker.State != CircuitState.Closed) return Unavailable("the circuit is open after repeated failures");
            if (attempt >= _options.MaxRetries) return Unavailable($"{failure.Reason}, after {attempt + 1} attempts");
            if (_schedule.DelayBefore(attempt + 1, failure.RetryAfter) is not { } delay)
            {
                return Unavailable($"{failure.Reason}; the server asked to wait {failure.RetryAfter!.Value.TotalSeconds:0} s, over the cap");
            }
            if (_time.GetUtcNow() + delay >= deadlineAt) return Unavailable($"{failure.Reason}; no time left before the deadline");
            LogRetrying(delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, _time, call.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unavailable("no time left before the deadline");
            }
        }
    }

    private ChatCompletionOptions Settings(ModelSettings persona)
    {
        var settings = new ChatCompletionOptions { Temperature = (float)persona.Temperature };
        if (_options.MaxTokensField == "max_tokens")
        {
#pragma warning disable SCME0001 // JsonPatch is marked experimental; it is the SDK's way to send a field it does not model.
            settings.Patch.Set("$.max_tokens"u8, persona.MaxOutputTokens);
#pragma warning restore SCME0001
        }
        else
        {
            settings.MaxOutputTokenCount = persona.MaxOutputTokens;
        }
        return settings;
    }

    private ModelReply Unavailable(string reason)
    {
        LogUnavailable(reason);
        return new ModelReply.Unavailable(reason);
    }

    private static ModelReply Interpret(ChatCompletion completion)
    {
        if (completion.FinishReason == ChatFinishReason.ContentFilter) return new ModelReply.Refused("the provider's content filter");
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return string.IsNullOrWhiteSpace(text)
            ? new ModelReply.Unavailable("the model returned no text")
            : new ModelReply.Completed(text);
    }

    public static List<ChatMessage> ToMessages(ChatPrompt prompt)
    {
        var messages = new List<ChatMessage>(prompt.History.Count + 2) { new SystemChatMessage(prompt.System) };
        foreach (var turn in prompt.History)
        {
            messages.Add(turn.Role == ChatRole.Assistant ? new AssistantChatMessage(turn.Text) : new UserChatMessage(turn.Text));
        }
        messages.Add(new UserChatMessage(prompt.User));
        return messages;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "language model attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "retrying the language model in {Seconds:0.###} s")]
    private partial void LogRetrying(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "language model unavailable, using the offline voice: {Reason}")]
    private partial void LogUnavailable(string reason);
}
