using CompanionBot.Pipeline;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// Terminal chat's turn loop: each line goes to the pipeline at once without waiting for the answer, so lines typed
/// (or piped) in quick succession gather into one burst and none is lost; outcomes print in the order the lines came.
/// Before a command and at end of input the open burst is answered at once and every pending answer printed.
/// </summary>
internal sealed class ChatTurns(ConversationPipeline pipeline, RelationshipKey key, Func<string> name, ConsoleIo io)
{
    private Task _printed = Task.CompletedTask;

    public void Submit(InboundMessage message, CancellationToken cancellationToken)
    {
        var outcome = pipeline.HandleAsync(message, cancellationToken);
        _printed = PrintAfterAsync(_printed, outcome);
    }

    /// <summary>Answers the open burst now and waits until every answer so far is printed.</summary>
    public Task DrainAsync()
    {
        pipeline.Flush(key);
        return _printed;
    }

    private async Task PrintAfterAsync(Task previous, Task<TurnOutcome> outcome)
    {
        await previous.ConfigureAwait(false);
        await ChatMode.WriteOutcomeAsync(await outcome.ConfigureAwait(false), name(), io).ConfigureAwait(false);
    }
}
