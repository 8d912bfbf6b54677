using CompanionBot.Pipeline;

namespace CompanionBot.Commands;

/// <summary>
/// One slash command, transport-neutral: the Discord transport registers <see cref="Definition"/>, turns an interaction
/// into a <see cref="CommandInvocation"/>, and sends back the <see cref="CommandResponse"/>. Add a command by registering
/// another handler in DI; the transport does not change.
/// </summary>
public interface ICommandHandler
{
    CommandDefinition Definition { get; }

    /// <summary>Only the invoker sees the answer (Discord's ephemeral flag). Fixed per command: a deferred answer cannot change it.</summary>
    bool RepliesPrivately => true;

    /// <summary>Expected failures come back as a response with a plain explanation; exceptions are bugs and never reach the user.</summary>
    Task<CommandResponse> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>A command as invoked, whatever the transport.</summary>
/// <param name="MemberPermissions">The member's permission bitfield from the payload (channel overwrites included); null in DMs.</param>
public sealed record CommandInvocation(
    string Name,
    string? SubcommandGroup,
    string? Subcommand,
    IReadOnlyDictionary<string, string> Options,
    string InvokerId,
    string InvokerName,
    string? GuildId,
    string? ChannelId,
    ulong? MemberPermissions,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The relationship the command is about: the guild's scope in a guild, the DM scope in DMs.</summary>
    public RelationshipKey Key => GuildId is null ? RelationshipKey.Dm(InvokerId) : RelationshipKey.InGuild(GuildId, InvokerId);

    public bool HasPermission(ulong bit) => MemberPermissions is { } bits && (bits & bit) == bit;
}

public sealed record CommandResponse(string Content);

/// <summary>What gets registered. Option kinds follow Discord's numbering only inside the transport.</summary>
public sealed record CommandDefinition(
    string Name,
    string Description,
    IReadOnlyList<SubcommandDefinition> Subcommands,
    bool AvailableInDms = true,
    ulong? DefaultMemberPermissions = null);

public sealed record SubcommandDefinition(string Name, string Description, IReadOnlyList<CommandOptionDefinition>? Options = null);

public enum CommandOptionKind
{
    Text,
    Integer,
    Boolean,
    User,
}

public sealed record CommandOptionDefinition(string Name, string Description, CommandOptionKind Kind, bool Required = false, int? MaxLength = null);
