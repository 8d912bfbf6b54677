using Microsoft.Extensions.Logging;

namespace CompanionBot.Commands;

/// <summary>One command group (/rapport, /persona...): the routes it answers, and how.</summary>
public interface ICommandGroup
{
    string Name { get; }

    /// <summary>Subcommand paths handled, exactly as in <see cref="CommandCatalog"/> ("" when none).</summary>
    IReadOnlyList<string> Routes { get; }

    Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Routes a transport-neutral command to its group after checking it against the catalog and, for moderator
/// commands, re-checking the invoker's permissions from this very request. Failures become clear replies: an
/// exception's text never reaches the user.
/// </summary>
public sealed class CommandService(IEnumerable<ICommandGroup> groups, ILogger<CommandService> logger)
{
    private readonly Dictionary<string, ICommandGroup> _groups = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ICommandGroup> Groups => _groups.Values;

    public async Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var definition = CommandCatalog.Find(request.Name);
        if (definition is null || !_groups.TryGetValue(request.Name, out var group))
        {
            return new CommandReply($"I don't know the command /{request.Name}.");
        }
        var routes = definition.Routes().ToList();
        if (!routes.Contains(request.Subcommand))
        {
            return new CommandReply($"/{request.Name} {request.Subcommand}: not a subcommand; use one of: " +
                string.Join(", ", routes.Select(r => $"/{request.Name} {r}".TrimEnd())) + ".");
        }
        if (definition.ModeratorOnly && ModeratorCheck.Refusal(request) is { } refusal)
        {
            logger.LogInformation("Refused /{Command} {Subcommand} for {Invoker}: not a moderator here", request.Name, request.Subcommand, request.InvokerId);
            return new CommandReply(refusal);
        }
        try
        {
            return await group.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "/{Command} {Subcommand} failed", request.Name, request.Subcommand);
            return new CommandReply("Something went wrong on my side and that command did not finish. Nothing you already had was lost; try again in a moment.");
        }
    }
}

/// <summary>Moderator commands need Manage Server (or Administrator) in this invocation's permission bits.</summary>
public static class ModeratorCheck
{
    public const ulong ManageGuild = 1UL << 5;
    public const ulong Administrator = 1UL << 3;

    /// <summary>Null when allowed; otherwise the reason, in words.</summary>
    public static string? Refusal(CommandRequest request)
    {
        if (request.Origin == CommandOrigin.Terminal) return null;
        if (request.GuildId is null) return "There's no server to moderate in DMs. Use this command in a server where you have Manage Server.";
        return (request.PermissionBits & (ManageGuild | Administrator)) != 0
            ? null
            : "This command needs the Manage Server permission on this server.";
    }

    /// <summary>Parses Discord's permissions string (a decimal bitfield); anything else means no permissions.</summary>
    public static ulong ParseBits(string? permissions) =>
        ulong.TryParse(permissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? bits : 0;
}
