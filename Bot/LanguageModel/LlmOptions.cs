namespace CompanionBot.LanguageModel;

/// <summary>Config section "Llm": any OpenAI-compatible endpoint. No endpoint means the offline voice.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
