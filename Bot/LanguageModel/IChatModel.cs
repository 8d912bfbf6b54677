using CompanionBot.Prompting;

namespace CompanionBot.LanguageModel;

/// <summary>Writes the words. Expected failures come back as values, never as exceptions.</summary>
public interface IChatModel
{
    /// <summary>False for the offline voice: the pipeline then renders the persona's own lines.</summary>
    bool IsConfigured { get; }

    Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken);
}

public abstract record ModelReply
{
    public sealed record Completed(string Text) : ModelReply;

    public sealed record Unavailable(string Reason) : ModelReply;

    public sealed record Refused(string Reason) : ModelReply;
}
