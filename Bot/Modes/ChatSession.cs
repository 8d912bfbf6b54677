using CompanionBot.Commands;
using CompanionBot.Common;
using CompanionBot.Terminal;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Replies;

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
    string outputFolder)
{
    private int _sequence;
    private (CommandConfirmation Confirmation, CommandRequest Request)? _pending;

    /// <summary>Runs until end of input or /quit; cancelling (Ctrl-C) throws at once, even mid-read or mid-turn.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await io.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) return;
            line = line.Trim();
            if (line.Length == 0) continue;
            if (await AnswerPendingAsync(line, cancellationToken).ConfigureAwait(false)) continue;
            if (line.StartsWith('/'))
            {
                if (await RunCommandAsync(line, cancellationToken).ConfigureAwait(false)) return;
                continue;
            }
            await TalkAsync(line, cancellationToken).ConfigureAwait(false);
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

    private async Task TalkAsync(string line, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = new InboundMessage($"chat:{now.UtcTicks}:{++_sequence}", key, "terminal", user, line, now);
        var result = await pipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        if (result is null) return;
        var name = personas.For(key.Scope).Name;
        var label = result.Reply.Source == ReplySource.Offline ? $"{name} (offline voice)" : name;
        await io.Out.WriteLineAsync($"{label}: {result.Reply.Text}").ConfigureAwait(false);
        await io.Error.WriteLineAsync(
            $"  [{result.Decision.StanceName} · {WireNames.Of(result.Change.After.Stage)} · rule {result.Decision.Rule}" +
            (result.Decision.Directives.Count > 0 ? $" · {string.Join(", ", result.Decision.DirectiveNames)}" : "") + "]").ConfigureAwait(false);
    }
}
