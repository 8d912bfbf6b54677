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
        await WriteOutcomeAsync(await outcome.ConfigureAwait(false), name(), io).ConfigureAwait(false);
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
            case TurnOutcome.Throttled { Notice: var notice }:
                await io.Out.WriteLineAsync($"{name}: {notice.Text}").ConfigureAwait(false);
                break;
            case TurnOutcome.Failed { Error: var error }:
                await io.Error.WriteLineAsync($"  [not handled: {error}]").ConfigureAwait(false);
                break;
        }
    }
}
