using CompanionBot.Personas;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Commands;

/// <summary>Registers the command service, its groups, the per-server persona provider and the stores they use.</summary>
public static class CommandServices
{
    public static IServiceCollection AddCompanionCommands(this IServiceCollection services)
    {
        services.AddSingleton<GuildPersonaProvider>();
        services.AddSingleton<IPersonaProvider>(sp => sp.GetRequiredService<GuildPersonaProvider>());
        services.AddSingleton<PersonaPreview>();
        services.AddSingleton<ICommandGroup, RapportCommands>();
        services.AddSingleton<ICommandGroup, ForgetCommand>();
        services.AddSingleton<ICommandGroup, ExportCommand>();
        services.AddSingleton<ICommandGroup, PersonaCommands>();
        services.AddSingleton<ICommandGroup, CompanionCommands>();
        services.AddSingleton<CommandService>();
        return services;
    }
}
