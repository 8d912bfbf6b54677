using CompanionBot.LanguageModel;
using CompanionBot.Prompting;

namespace CompanionBot.Tests.Replies;

/// <summary>A model that answers from a script and records every prompt it was given.</summary>
public sealed class ScriptedChatModel(params ModelReply[] replies) : IChatModel
{
    private readonly Queue<ModelReply> _replies = new(replies);

    public List<ChatPrompt> Prompts { get; } = [];

    public bool IsConfigured => true;

    public Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        Prompts.Add(prompt);
        return Task.FromResult(_replies.Count > 0 ? _replies.Dequeue() : new ModelReply.Unavailable("script ran out"));
    }
}
