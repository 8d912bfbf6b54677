using CompanionBot.LanguageModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Hosting;

/// <summary>The language model: an OpenAI-compatible endpoint when Llm:Endpoint is set, otherwise the offline voice.</summary>
public static class LanguageModelServices
{
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LlmOptions>(configuration, LlmOptions.Section);
        services.AddSingleton<IChatModel, OfflineChatModel>();
        return services;
    }
}
