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
/// explicit Polly.Core policy on the injected clock instead (<see cref="ChatResilience"/>): per-attempt timeout,
/// capped exponential backoff with jitter, Retry-After honoured up to a cap, an overall deadline, and a circuit
/// breaker. Failures come back as values.
/// </summary>
public sealed class OpenAiChatModel : IChatModel
{
    private readonly ChatClient _client;
    private readonly LlmOptions _options;
    private readonly ChatResilience _resilience;

    public OpenAiChatModel(IOptions<LlmOptions> options, TimeProvider time, IRandomSource random, ILogger<OpenAiChatModel> logger)
        : this(options.Value, time, random, logger)
    {
    }

    internal OpenAiChatModel(LlmOptions options, TimeProvider time, IRandomSource random, ILogger? logger = null)
    {
        _options = options;
        _resilience = new ChatResilience(options, time, random, logger ?? NullLogger.Instance);
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

    public CircuitBreaker Breaker => _resilience.Breaker;

    public Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        var messages = ToMessages(prompt);
        var settings = Settings(prompt.Settings);
        return _resilience.ExecuteAsync(async token =>
        {
            var result = await _client.CompleteChatAsync(messages, settings, token).ConfigureAwait(false);
            return Interpret(result.Value);
        }, cancellationToken);
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
}
