using CompanionBot.Commands;
using CompanionBot.Terminal;
using CompanionBot.Personas;
using CompanionBot.Pipeline;

namespace CompanionBot.Modes;

/// <summary>
/// One terminal conversation: each line is a command or a message for the pipeline. After a confirmation prompt
/// the next line may answer it (yes / no); any other line is handled as usual and the prompt lapses.
/// </summary>
public sealed class ChatSession(
    ConsoleIo io,
    RelationshipKey key,
    string user,
    ConversationPipeline pipeline,
    CommandService commands,
    IPersonaProvider personas,
    TimeProvider time,
    string outputFolder,
    UnansweredMessages? unanswered = null,
    CancellationToken abandon = default)
{
    private readonly ChatTurns _turns = new(pipeline, key, () => personas.For(key.Scope).Name, io, unanswered, abandon);
    private int _sequence;
    private (CommandConfirmation Confirmation, CommandRequest Request)? _pending;

    /// <summary>
    /// Runs until end of input or /quit; cancelling (Ctrl-C) throws at once, even mid-read or mid-turn. A stop
    /// (<paramref name="stopping"/>: SIGTERM) ends the reading like end of input: the open burst is answered at once and
    /// every answer printed within <paramref name="drainLimit"/>. Lines a previous stop could not answer come first.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken stopping = default, TimeSpan? drainLimit = null)
    {
        foreach (var kept in unanswered?.TakeSaved(m => m.Key == key) ?? []) _turns.Submit(kept, cancellationToken);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        while (true)
        {
            string? line;
            try
            {
                line = await io.ReadLineAsync(reading.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                line = null;
            }
            if (line is null)
            {
                try
                {
                    await _turns.DrainAsync().WaitAsync(stopping.IsCancellationRequested ? drainLimit ?? Timeout.InfiniteTimeSpan : Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The stop could not wait longer: what is still unanswered is kept for the next start.
                }
                return;
            }
            line = line.Trim();
            if (line.Length == 0) continue;
            // A command (or a confirmation answer) reads what is stored: answer the open burst first, output in order.
            if (_pending is not null || line.StartsWith('/')) await _turns.DrainAsync().ConfigureAwait(false);
            if (await AnswerPendingAsync(line, cancellationToken).ConfigureAwait(false)) continue;
            if (line.StartsWith('/'))
            {
                if (await RunCommandAsync(line, cancellationToken).ConfigureAwait(false)) return;
                continue;
            }
            Talk(line, cancellationToken);
        }
    }

    /// <summary>True when the line answered the open confirmation prompt; the prompt closes on any line.</summary>
    private async Task<bool> AnswerPendingAsync(string line, CancellationToken cancellationToken)
    {
        if (_pending is not var (confirmation, request)) return false;
        _pending = null;
        switch (ConfirmationAnswer.Read(line))
        {
            case ConfirmationAnswer.Kind.Yes:
                var confirmed = CommandConfirmationToken.ToRequest(confirmation.Token, request with { At = time.GetUtcNow() })!;
                await WriteReplyAsync(await commands.HandleAsync(confirmed, cancellationToken).ConfigureAwait(false), confirmed, cancellationToken).ConfigureAwait(false);
                return true;
            case ConfirmationAnswer.Kind.No:
                await io.Out.WriteLineAsync("Cancelled; nothing was changed.").ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs a slash command; true when it ends the chat.</summary>
    private async Task<bool> RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        var word = line.Split(' ', 2)[0].ToLowerInvariant();
        if (word is "/quit" or "/exit")
        {
            await io.Out.WriteLineAsync("bye.").ConfigureAwait(false);
            return true;
        }
        if (word == "/help")
        {
            await io.Out.WriteLineAsync(ChatMode.Help).ConfigureAwait(false);
            return false;
        }
        var parsed = TerminalCommands.Parse(line, key.MemberId, time.GetUtcNow());
        if (parsed.Request is null)
        {
            await io.Out.WriteLineAsync(parsed.Answer ?? "").ConfigureAwait(false);
            return parsed.Quit;
        }
        var reply = await commands.HandleAsync(parsed.Request, cancellationToken).ConfigureAwait(false);
        await WriteReplyAsync(reply, parsed.Request, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task WriteReplyAsync(CommandReply reply, CommandRequest request, CancellationToken cancellationToken)
    {
        if (reply.Confirmation is { } confirmation) _pending = (confirmation, request);
        if (reply.File is not { } file)
        {
            await io.Out.WriteLineAsync(reply.Text).ConfigureAwait(false);
            return;
        }
        var saved = await TerminalFiles.SaveNewAsync(outputFolder, file, cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync($"{reply.Text}\n{saved.Describe(file)}").ConfigureAwait(false);
    }

    /// <summary>Hands the line to the pipeline without waiting: lines typed or piped together gather into one burst.</summary>
    private void Talk(string line, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _turns.Submit(new InboundMessage($"chat:{now.UtcTicks}:{++_sequence}", key, "terminal", user, line, now), cancellationToken);
    }
}
