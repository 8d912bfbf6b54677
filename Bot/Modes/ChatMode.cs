using CompanionBot.Commands;
using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Replies;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// Terminal chat: the same pipeline as Discord, one line in, one reply out, a status line on stderr.
/// Reads a terminal or a pipe and exits 0 at end of input.
/// </summary>
public static class ChatMode
{
    public const string Help = """
        commands:
          /rapport                 where we stand, in words (/rapport numbers adds the ledger numbers)
          /rapport why             the rule behind the last reply and its reasons
          /reset                   start over as strangers (asks to confirm; once a day)
          /forget [everywhere]     delete everything stored about you (asks to confirm)
          /export                  your stored data as a JSON file beside the database
          /persona show|set <field> <value>|import <file>|export|history|rollback <version>|reset|preview <scenario file>
                                   the persona of this terminal (you are its moderator)
          /companion stats         stance counts and safety referrals
          /help                    this list
          /quit                    leave (end of input works too)
        Ella is an AI companion, not a person. AI companions may not be suitable for some minors.
        Safety protocol: SAFETY.md · Privacy and deletion: PRIVACY.md (in the project repository).
        """;

    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("user", "db");
        var user = commandLine.Option("user") ?? "you";
        var key = RelationshipKey.Dm("local:" + user);
        var pipeline = services.GetRequiredService<ConversationPipeline>();
        var commands = services.GetRequiredService<CommandService>();
        var personas = services.GetRequiredService<IPersonaProvider>();
        var outputFolder = Path.GetDirectoryName(services.GetRequiredService<SqliteDatabase>().DatabasePath) ?? ".";
        var time = services.GetRequiredService<TimeProvider>();
        var sequence = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await io.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) break;
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('/'))
            {
                var (answer, quit) = await RunCommandAsync(line, key, commands, outputFolder, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await io.Out.WriteLineAsync(answer).ConfigureAwait(false);
                if (quit) break;
                continue;
            }
            var now = time.GetUtcNow();
            var message = new InboundMessage($"chat:{now.UtcTicks}:{++sequence}", key, "terminal", user, line, now);
            var result = await pipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (result is null) continue;
            var name = personas.For(key.Scope).Name;
            var label = result.Reply.Source == ReplySource.Offline ? $"{name} (offline voice)" : name;
            await io.Out.WriteLineAsync($"{label}: {result.Reply.Text}").ConfigureAwait(false);
            await io.Error.WriteLineAsync(
                $"  [{result.Decision.StanceName} · {WireNames.Of(result.Change.After.Stage)} · rule {result.Decision.Rule}" +
                (result.Decision.Directives.Count > 0 ? $" · {string.Join(", ", result.Decision.DirectiveNames)}" : "") + "]").ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<(string Answer, bool Quit)> RunCommandAsync(
        string line, RelationshipKey key, CommandService commands, string outputFolder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var word = line.Split(' ', 2)[0].ToLowerInvariant();
        if (word is "/quit" or "/exit") return ("bye.", true);
        if (word == "/help") return (Help, false);
        var parsed = TerminalCommands.Parse(line, key.MemberId, now);
        if (parsed.Request is null) return (parsed.Answer ?? "", parsed.Quit);
        var reply = await commands.HandleAsync(parsed.Request, cancellationToken).ConfigureAwait(false);
        if (reply.File is not { } file) return (reply.Text, false);
        var path = Path.Combine(outputFolder, file.Name);
        await File.WriteAllBytesAsync(path, file.Bytes, cancellationToken).ConfigureAwait(false);
        return ($"{reply.Text}\nSaved to {path} ({file.Bytes.Length} bytes).", false);
    }
}
