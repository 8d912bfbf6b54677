using CompanionBot.Pipeline;

namespace CompanionBot.Commands;

/// <summary>Where a command came from. The terminal user is the operator: a moderator of the local scope.</summary>
public enum CommandOrigin
{
    Discord,
    Terminal,
}

/// <summary>
/// One slash command, transport-neutral. <see cref="Subcommand"/> is the path under the command ("view",
/// "channels add"), empty for a command without subcommands. <see cref="PermissionBits"/> are the invoker's
/// permissions from this very invocation (Discord's member.permissions), checked on every moderator command.
/// </summary>
public sealed record CommandRequest
{
    public required string Name { get; init; }
    public string Subcommand { get; init; } = "";
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    /// <summary>The text of an attached file (a persona or scenario YAML), when the command takes one.</summary>
    public string? AttachmentText { get; init; }
    public required string InvokerId { get; init; }
    /// <summary>The server, or null in DMs (and in the terminal).</summary>
    public string? GuildId { get; init; }
    public ulong PermissionBits { get; init; }
    public string? ChannelId { get; init; }
    public required DateTimeOffset At { get; init; }
    public CommandOrigin Origin { get; init; } = CommandOrigin.Discord;
    /// <summary>Set when the invoker pressed the confirmation (a button, or "confirm" in the terminal).</summary>
    public bool Confirmed { get; init; }

    /// <summary>The relationship scope the command acts on: the server, or the DM scope.</summary>
    public string Scope => GuildId is null ? RelationshipKey.DmScope : RelationshipKey.InGuild(GuildId, InvokerId).Scope;

    public RelationshipKey Key => new(Scope, InvokerId);

    public string? Option(string name) => Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>A file to send with a reply (an export).</summary>
public sealed record CommandFile(string Name, byte[] Bytes);

/// <summary>
/// A step the invoker must confirm. <see cref="Token"/> fits a Discord button's custom_id (at most 100 characters);
/// the transport sends it back through <see cref="CommandConfirmation.ToRequest"/>. <see cref="TerminalHint"/> is what
/// to type in the terminal.
/// </summary>
public sealed record CommandConfirmation(string Token, string Label, string TerminalHint);

/// <summary>What to answer. Ephemeral: only the invoker sees it (every member command is ephemeral).</summary>
public sealed record CommandReply(string Text, bool Ephemeral = true, CommandFile? File = null, CommandConfirmation? Confirmation = null);
