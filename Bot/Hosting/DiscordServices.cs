using CompanionBot.Channels.Discord;
using CompanionBot.Commands;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Hosting;

/// <summary>Registers the home-grown Discord transport (gateway, REST, handlers) and the slash commands it serves.</summary>
public static class DiscordServices
{
    public static IServiceCollection AddDiscordTransport(this IServiceCollection services)
    {
        services.AddSingleton<SecretRedactor>();
        // Its own HttpClient (no shared registration to collide with); the 15 s per-request limit lives in DiscordRestClient.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }));
        services.AddSingleton<RestRateLimiter>();
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordMessenger>();

        services.AddSingleton<DiscordSelf>();
        services.AddSingleton<IdentifyThrottle>();
        services.AddSingleton<HeartbeatFile>();
        services.AddSingleton<SessionFile>();
        services.AddSingleton<SessionRestore>();
        services.AddSingleton<BackgroundWork>();
        services.AddSingleton<ChannelTyping>();
        services.AddSingleton<DiscordBurstListener>();
        services.AddSingleton<Pipeline.IBurstListener>(sp => sp.GetRequiredService<IOptions<DiscordOptions>>().Value.UsesDiscordNet
            ? sp.GetRequiredService<DiscordNetBurstListener>()
            : sp.GetRequiredService<DiscordBurstListener>());
        services.AddSingleton<DiscordMessageHandler>();
        services.AddSingleton<DiscordInteractionHandler>();
        services.AddScoped<IDiscordResponder<InboundMessage>, MessageResponder>();
        services.AddScoped<IDiscordResponder<ReceivedInteraction>, InteractionResponder>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<DiscordEventRouter>();
        services.AddSingleton<IGatewayEventSink>(sp => sp.GetRequiredService<DiscordEventRouter>());
        services.AddSingleton<DiscordTransport>();
        services.AddSingleton<IDiscordTransport>(sp => sp.GetRequiredService<IOptions<DiscordOptions>>().Value.UsesDiscordNet
            ? sp.GetRequiredService<DiscordNetTransport>()
            : sp.GetRequiredService<DiscordTransport>());
        AddDiscordNet(services);

        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AttachmentDownloader>(sp, new HttpClient()));
        services.TryAddSingleton<ISlashCommands, CatalogSlashCommands>();
        return services;
    }

    /// <summary>The Discord.Net client (Discord:Client=discordnet) and its glue; the handler and queue are shared.</summary>
    private static void AddDiscordNet(IServiceCollection services)
    {
        services.AddSingleton<GlobalRequestBudget>();
        services.AddSingleton<RecentChannels>();
        services.AddSingleton<DiscordNetChannels>();
        services.AddSingleton<DiscordNetEvents>();
        services.AddSingleton<DiscordNetBurstListener>();
        services.AddSingleton<DiscordNetCommandRegistrar>();
        services.AddScoped<DiscordNetReplier>();
        services.AddScoped<DiscordNetInteractions>();
        services.AddSingleton<DiscordNetTransport>();
    }

    /// <summary>Runs the transport as a hosted service (the discord mode).</summary>
    public static IServiceCollection AddDiscordHostedService(this IServiceCollection services)
    {
        services.AddSingleton<DiscordHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordHostedService>());
        return services;
    }
}
