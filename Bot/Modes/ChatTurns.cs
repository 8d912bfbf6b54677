using CompanionBot.Common;
using CompanionBot.Pipeline;
using CompanionBot.Replies;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// Terminal chat's turn loop: each line goes to the pipeline at once without waiting for the answer, so lines typed
/// (or piped) in quick succession gather into one burst and none is lost; outcomes print in the order the lines came.
/// Before a command and at end of input the open burst is answered at once and every pending answer printed.
/// </summary>
/// <para>
/// With <paramref name="unanswered"/>, every line is tracked until its answer is printed, so a stop (SIGTERM) that
/// cannot wait for it leaves it for the next start; a line Ctrl-C (<paramref name="abandon"/>) interrupted is forgotten.
/// </para>
internal sealed class ChatTurns(ConversationPipeline pipeline, RelationshipKey key, Func<string> name, ConsoleIo io,
    UnansweredMessages? unanswered = null, CancellationToken abandon = default)
{
    private Task _printed = Task.CompletedTask;

    public void Submit(InboundMessage message, CancellationToken cancellationToken)
    {
        unanswered?.Arrived(message);
        var outcome = pipeline.HandleAsync(message, cancellationToken);
        _printed = PrintAfterAsync(_printed, message, outcome);
    }

    /// <summary>Answers the open burst now and waits until every answer so far is printed.</summary>
    public Task DrainAsync()
    {
        pipeline.Flush(key);
        return _printed;
    }

    private async Task PrintAfterAsync(Task previous, InboundMessage message, Task<TurnOutcome> outcome)
    {
        TurnOutcome result;
        try
        {
            await previous.ConfigureAwait(false);
            result = await outcome.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C abandons the line; a stop that could not wait keeps it for the next start.
            if (abandon.IsCancellationRequested) unanswered?.Forget(message.MessageId);
            else unanswered?.Postpone(message);
            throw;
        }
        await WriteOutcomeAsync(result, name(), io).ConfigureAwait(false);
        unanswered?.Settled(result);
    }

    /// <summary>The reply (or the one notice) on stdout, the decision on stderr; quiet outcomes print nothing.</summary>
    internal static async Task WriteOutcomeAsync(TurnOutcome outcome, string name, ConsoleIo io)
    {
        switch (outcome)
        {
            case TurnOutcome.Replied { Turn: var turn }:
                var label = turn.Reply.Source == ReplySource.Offline ? $"{name} (offline voice)" : name;
                await io.Out.WriteLineAsync($"{label}: {turn.Reply.Text}").ConfigureAwait(false);
                await io.Error.WriteLineAsync(
                    $"  [{turn.Decision.StanceName} · {WireNames.Of(turn.Change.After.Stage)} · rule {turn.Decision.Rule}" +
                    (turn.Decision.Directives.Count > 0 ? $" · {string.Join(", ", turn.Decision.DirectiveNames)}" : "") + "]").ConfigureAwait(false);
                break;
            case TurnOutcome.Throttled or TurnOutcome.Unavailable:
                await io.Out.WriteLineAsync($"{name}: {outcome.Outbound!.Text}").ConfigureAwait(false);
                break;
            case TurnOutcome.Failed { Error: var error }:
                await io.Error.WriteLineAsync($"  [not handled: {error}]").ConfigureAwait(false);
                break;
        }
    }
}
