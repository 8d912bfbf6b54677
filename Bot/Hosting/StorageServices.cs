using CompanionBot.Personas;
using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Hosting;

/// <summary>The composition root's storage section: registers every store for the provider chosen by Storage:Provider, behind the same interfaces.</summary>
public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Only the provider is read here, and leniently: binding the whole section would throw on any other bad value
        // (BusyTimeoutSeconds=abc) before the settings check can report it as one line.
        var provider = configuration.GetSection(StorageOptions.Section)[nameof(StorageOptions.Provider)];
        if (string.Equals(provider, StorageOptions.Postgres, StringComparison.Ordinal))
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<ILedgerStore, PostgresLedgerStore>();
            services.AddSingleton<IHistoryStore, PostgresHistoryStore>();
            services.AddSingleton<IMemberData, PostgresMemberData>();
            services.AddSingleton<ICounterReader, PostgresStatsStore>();
            services.AddSingleton<IChannelSettingsStore, PostgresChannelSettings>();
            services.AddSingleton<IPersonaVersionStore, PostgresPersonaVersions>();
            services.AddSingleton<IMemberLeases, PostgresMemberLeases>();
        }
        else
        {
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<ILedgerStore, SqliteLedgerStore>();
            services.AddSingleton<IHistoryStore, SqliteHistoryStore>();
            services.AddSingleton<IMemberData, SqliteMemberData>();
            services.AddSingleton<ICounterReader, SqliteStatsStore>();
            services.AddSingleton<IChannelSettingsStore, SqliteChannelSettings>();
            services.AddSingleton<IPersonaVersionStore, PersonaVersionStore>();
        }
        services.AddSingleton<IChannelSettings>(sp => sp.GetRequiredService<IChannelSettingsStore>());
        services.AddSingleton<IStatsRecorder>(TurnCounters.Instance);
        return services;
    }
}
