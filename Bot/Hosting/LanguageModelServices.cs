using CompanionBot.Common;
using CompanionBot.LanguageModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CompanionBot.Hosting;

/// <summary>The language model: an OpenAI-compatible endpoint when Llm:Endpoint is set, otherwise the offline voice.</summary>
public static class LanguageModelServices
{
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LlmOptions>(configuration, LlmOptions.Section);
        services.TryAddSingleton<IRandomSource, SystemRandomSource>();
        var endpoint = configuration.GetSection(LlmOptions.Section)[nameof(LlmOptions.Endpoint)];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddSingleton<IChatModel, OfflineChatModel>();
        }
        else
        {
            services.AddSingleton<IChatModel, OpenAiChatModel>();
        }
        // Read leniently here: a value that is not true/false is reported by the settings check, one line, before start.
        var assistText = configuration.GetSection(LlmOptions.Section)[nameof(LlmOptions.AssistAppraisal)];
        if (bool.TryParse(assistText, out var assist) && assist && !string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddSingleton<IAppraisalAssistant, ModelAppraisalAssistant>();
        }
        else
        {
            services.AddSingleton<IAppraisalAssistant, NoAppraisalAssistant>();
        }
        return services;
    }
}
