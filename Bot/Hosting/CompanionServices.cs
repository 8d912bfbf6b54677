using CompanionBot.Appraisal;
using CompanionBot.Commands;
using CompanionBot.Common;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Perception;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Turn;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Hosting;

/// <summary>Registers the pipeline, one folder at a time, in the order the message flows.</summary>
public static class CompanionServices
{
    public static IServiceCollection AddCompanionBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddTelemetry(configuration);
        // The one source of randomness (retry and heartbeat jitter, backoff), replaced by tests to fix it.
        services.TryAddSingleton<IRandomSource, SystemRandomSource>();
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<DiscordOptions>(configuration, DiscordOptions.Section);
        services.AddValidatedOptions<PromptOptions>(configuration, PromptOptions.Section);

        services.AddStorage(configuration);
        services.AddSingleton(_ => DefaultPersona.Load());
        services.AddCompanionCommands();

        services.AddSingleton(_ => AppraisalLexicon.English());
        services.AddPerception(configuration);
        services.AddSingleton<RelationshipLedger>();
        services.AddSingleton<StanceEngine>();
        services.AddSingleton(sp => new PromptComposer(sp.GetRequiredService<IOptions<PromptOptions>>().Value));
        services.AddSingleton<TurnPlanner>();
        services.AddLanguageModel(configuration);
        services.AddSingleton<OfflineVoice>();
        services.AddSingleton<ReplyWriter>();
        services.AddSingleton<MemberGate>();
        services.AddValidatedOptions<FloodOptions>(configuration, FloodOptions.Section);
        services.AddSingleton<FloodGuard>();
        services.AddSingleton<SafetyGate>();
        services.AddValidatedOptions<ConversationOptions>(configuration, ConversationOptions.Section);
        services.AddSingleton<Bursts>();
        services.AddValidatedOptions<StoreOutageOptions>(configuration, StoreOutageOptions.Section);
        services.AddSingleton<StoreHealth>();
        services.AddSingleton<StoreWaits>();
        services.AddSingleton(sp => new UnansweredMessages(UnansweredPath(sp), sp.GetService<ILogger<UnansweredMessages>>()));
        services.AddHostedService<GracefulStop>();
        services.AddSingleton<ConversationPipeline>();
        services.AddSingleton<SimulationPipelines>();
        return services;
    }

    /// <summary>Conversation:UnansweredFile, or unanswered.json beside the SQLite database (data/ on PostgreSQL).</summary>
    private static string UnansweredPath(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<ConversationOptions>>().Value.UnansweredFile;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var folder = storage.UsesPostgres ? "data" : Path.GetDirectoryName(Path.GetFullPath(storage.DatabasePath)) ?? "data";
        return Path.Combine(folder, "unanswered.json");
    }

    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedOptionsValidator<TOptions>(section));
        services.AddSingleton<ISettingsCheck>(new OptionsSettingsCheck<TOptions>(section));
        return services;
    }
}
