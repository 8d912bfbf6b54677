using System.ComponentModel.DataAnnotations;

namespace CompanionBot.LanguageModel;

/// <summary>
/// Config section "Llm": any OpenAI-compatible endpoint, and how hard to try before the offline voice answers.
/// No endpoint means the offline voice. The key comes from the environment (Llm__ApiKey) and is never logged.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>Base URL of the API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Secret. Local servers accept any value; empty sends a placeholder.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries after the first attempt, for 408, 429, 5xx, timeouts and connection failures.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each retry up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    [Range(0.0, 60.0)]
    public double RetryBaseDelaySeconds { get; set; } = 0.5;

    [Range(0.0, 300.0)]
    public double RetryMaxDelaySeconds { get; set; } = 8;

    /// <summary>Share of each delay taken off at random (0 = none, 1 = full jitter).</summary>
    [Range(0.0, 1.0)]
    public double RetryJitter { get; set; } = 0.25;

    /// <summary>A server's Retry-After is honoured up to this; asking for longer ends the call (offline voice).</summary>
    [Range(0.0, 600.0)]
    public double RetryAfterCapSeconds { get; set; } = 20;

    /// <summary>One HTTP attempt may take this long.</summary>
    [Range(1.0, 600.0)]
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>The whole call, retries and waits included, ends by this deadline.</summary>
    [Range(1.0, 900.0)]
    public double DeadlineSeconds { get; set; } = 45;

    /// <summary>
    /// Failed attempts in a row (inside <see cref="BreakerWindowSeconds"/>, with no success among them) that open the
    /// circuit (calls then go straight to the offline voice). At least 2: Polly's breaker needs a minimum throughput of 2.
    /// </summary>
    [Range(2, 1000)]
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long the circuit stays open before one trial call is let through (half-open).</summary>
    [Range(1.0, 3600.0)]
    public double BreakerCooldownSeconds { get; set; } = 30;

    /// <summary>The breaker looks at the attempts of this last stretch of time; older ones are forgotten.</summary>
    [Range(1.0, 86400.0)]
    public double BreakerWindowSeconds { get; set; } = 120;

    /// <summary>
    /// How the output cap is sent: "max_completion_tokens" (OpenAI's current name, the default) or "max_tokens" for
    /// servers that only know the older field.
    /// </summary>
    [RegularExpression("^(max_completion_tokens|max_tokens)$", ErrorMessage = "must be max_completion_tokens or max_tokens")]
    public string MaxTokensField { get; set; } = "max_completion_tokens";

    /// <summary>Let the model refine non-safety appraisal signals (one small extra call per message).</summary>
    public bool AssistAppraisal { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("must be an absolute http(s) URL such as http://localhost:11434/v1", [nameof(Endpoint)]);
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("is required when Llm:Endpoint is set (the model name the server expects)", [nameof(Model)]);
        }
        if (RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            yield return new ValidationResult("must be at least Llm:RetryBaseDelaySeconds", [nameof(RetryMaxDelaySeconds)]);
        }
    }

    public TimeSpan RetryBaseDelay => TimeSpan.FromSeconds(RetryBaseDelaySeconds);
    public TimeSpan RetryMaxDelay => TimeSpan.FromSeconds(RetryMaxDelaySeconds);
    public TimeSpan RetryAfterCap => TimeSpan.FromSeconds(RetryAfterCapSeconds);
    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);
    public TimeSpan Deadline => TimeSpan.FromSeconds(DeadlineSeconds);
    public TimeSpan BreakerCooldown => TimeSpan.FromSeconds(BreakerCooldownSeconds);
    public TimeSpan BreakerWindow => TimeSpan.FromSeconds(BreakerWindowSeconds);
}
