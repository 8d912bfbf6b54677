using System.Text.Json.Nodes;

namespace CompanionBot.Commands;

/// <summary>
/// What the Discord transport needs from the commands: the definitions to register (Discord's bulk-overwrite JSON)
/// and a handler for a transport-neutral request. <see cref="CommandService"/> is the one implementation; tests
/// put slow or failing ones in its place.
/// </summary>
public interface ISlashCommands
{
    JsonArray Registration();

    Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>The slash commands of the catalog, served by the command service.</summary>
public sealed class CatalogSlashCommands(CommandService service) : ISlashCommands
{
    public JsonArray Registration() => (JsonArray)JsonNode.Parse(CommandCatalog.ToDiscordJson())!;

    public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        service.HandleAsync(request, cancellationToken);
}
