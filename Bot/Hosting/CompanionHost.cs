using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using CompanionBot.Terminal;

namespace CompanionBot.Hosting;

/// <summary>Builds the generic host: appsettings.json beside the program, then environment variables, then overrides.</summary>
public static class CompanionHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides, Mode mode, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        // Log levels are read while the host is built, before any settings check could run: check them first.
        if (SettingValues.UnreadableLogLevels(builder.Configuration) is { Count: > 0 } problems) throw new InvalidSettingsException(problems);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // a mode is the choice of which hosted services run: the Discord bot is one (auto with a token means discord)
        var discord = mode == Mode.Discord || (mode == Mode.Auto && !string.IsNullOrWhiteSpace(builder.Configuration["Discord:Token"]));
        if (!discord)
        {
            // Interactive and batch modes keep stderr for their own status lines: the bot's per-message log lines
            // (Information in appsettings.json) would bury them. A category rule beats the configured default.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("CompanionBot", LogLevel.Warning);
        }
        builder.Services.AddCompanionBot(builder.Configuration);
        builder.Services.AddDiscordTransport();
        if (discord)
        {
            builder.Services.AddDiscordHostedService();
        }
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
