namespace CompanionBot.Replies;

public enum ReplySource
{
    /// <summary>Written by the language model and checked by the reply guard.</summary>
    Model,
    /// <summary>The persona's offline voice (no endpoint, or the model failed or was rejected).</summary>
    Offline,
}

/// <summary>What is sent: at most 2000 characters per part, no mass mentions, safety text added by code.</summary>
public sealed record OutboundReply(IReadOnlyList<string> Parts, ReplySource Source)
{
    public string Text => string.Join("\n", Parts);

    /// <summary>The words alone, without the safety text code adds (what the history keeps).</summary>
    public string Body { get; init; } = string.Join("\n", Parts);
}
