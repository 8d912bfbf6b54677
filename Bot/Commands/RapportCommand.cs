using CompanionBot.Personas;
using CompanionBot.Storage;

namespace CompanionBot.Commands;

/// <summary>/rapport view: where the invoker stands with the bot in this scope (this server, or DMs), in words.</summary>
public sealed class RapportCommand(ILedgerStore store, IPersonaProvider personas, TimeProvider time) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "rapport",
        "Where you stand with the bot",
        [new SubcommandDefinition("view", "Show where we stand, in words")]);

    public Task<CommandResponse> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Subcommand != "view")
        {
            return Task.FromResult(new CommandResponse("That part of /rapport isn't available yet. Try /rapport view."));
        }
        var key = invocation.Key;
        var persona = personas.For(key.Scope);
        var text = RapportView.Describe(store.Find(key), persona.Name, time.GetUtcNow(), withNumbers: false);
        return Task.FromResult(new CommandResponse(text));
    }
}
