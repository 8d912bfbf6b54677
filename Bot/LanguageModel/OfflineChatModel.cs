using CompanionBot.Prompting;

namespace CompanionBot.LanguageModel;

/// <summary>No endpoint configured: the reply comes from the persona's offline voice.</summary>
public sealed class OfflineChatModel : IChatModel
{
    public bool IsConfigured => false;

    public Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken) =>
        Task.FromResult<ModelReply>(new ModelReply.Unavailable("no language model endpoint is configured"));
}
