using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Commands;

/// <summary>/forget (here or everywhere, after confirmation, for real) and /export (this scope only, as JSON).</summary>
public sealed class ForgetCommand(ILedgerStore store, IMemberData memberData, MemberGate gate) : ICommandGroup
{
    public string Name => "forget";

    public IReadOnlyList<string> Routes { get; } = [""];

    public async Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var scopeOption = request.Option("scope")?.ToLowerInvariant() ?? "here";
        if (scopeOption is not ("here" or "everywhere"))
        {
            return new CommandReply($"scope: must be here or everywhere, got '{scopeOption}'.");
        }
        var everywhere = scopeOption == "everywhere";
        var where = everywhere ? "everywhere (every server and our DMs)" : request.GuildId is null ? "in our DMs" : "on this server";
        if (!request.Confirmed)
        {
            var hint = everywhere ? "/forget everywhere confirm" : "/forget confirm";
            return new CommandReply(
                $"This deletes everything stored about you {where}: where we stand, what I noticed, our messages. It cannot be undone. " +
                (request.Origin == CommandOrigin.Terminal ? $"Type yes (or {hint}) to delete everything, anything else to keep it." : "Press the button below to delete everything."),
                Confirmation: new CommandConfirmation(CommandConfirmationToken.For(request, ("scope", scopeOption)), "Delete everything", hint));
        }
        // The member's messages wait while their data is deleted, so none is saved back into the deleted rows.
        using var _ = await gate.EnterAsync(request.InvokerId, cancellationToken).ConfigureAwait(false);
        return Forget(request, everywhere, where);
    }

    private CommandReply Forget(CommandRequest request, bool everywhere, string where)
    {
        var counts = memberData.Counts(request.InvokerId, everywhere ? null : request.Scope);
        if (everywhere) store.DeleteMember(request.InvokerId);
        else store.Delete(request.Key);
        return new CommandReply(
            $"Deleted everything stored about you {where}: {RapportCommands.DeletedText(counts)}. " +
            memberData.DeletionNote + " " +
            "If you talk to me again, we start as strangers.");
    }
}

public sealed class ExportCommand(IMemberData memberData) : ICommandGroup
{
    public string Name => "export";

    public IReadOnlyList<string> Routes { get; } = [""];

    public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var bytes = memberData.Export(request.Key, request.At);
        var where = request.GuildId is null ? "dm" : "server-" + request.GuildId;
        var name = $"companionbot-export-{where}.json";
        var text = $"Here is everything stored about you {(request.GuildId is null ? "in our DMs" : "on this server")}: " +
            "where we stand, our recent messages and when they were handled. Nothing about anyone else, and nothing from other servers.";
        return Task.FromResult(new CommandReply(text, File: new CommandFile(name, bytes)));
    }
}
