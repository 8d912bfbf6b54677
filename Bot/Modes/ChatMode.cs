using CompanionBot.Commands;
using CompanionBot.Common;
using CompanionBot.Hosting;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Replies;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Modes;

/// <summary>
/// Terminal chat: the same pipeline as Discord, one line in, one reply out, a status line on stderr.
/// Reads a terminal or a pipe and exits 0 at end of input.
/// </summary>
public static class ChatMode
{
    public const string Help = """
        commands:
          /rapport          where we stand, in words
          /rapport numbers  the same, with the ledger numbers
          /rapport why      the rule behind the last reply and its reasons
          /reset            start over as strangers (deletes this relationship)
          /forget           delete everything stored about you
          /help             this list
          /quit             leave (end of input works too)
        Ella is an AI companion, not a person. AI companions may not be suitable for some minors.
        Safety protocol: SAFETY.md · Privacy and deletion: PRIVACY.md (in the project repository).
        """;

    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("user", "db");
        var user = commandLine.Option("user") ?? "you";
        var key = RelationshipKey.Dm("local:" + user);
        var pipeline = services.GetRequiredService<ConversationPipeline>();
        var store = services.GetRequiredService<ILedgerStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var persona = services.GetRequiredService<IPersonaProvider>().For(key.Scope);
        var sequence = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await io.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) break;
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('/'))
            {
                var (answer, quit) = RunCommand(line, key, store, persona, time.GetUtcNow());
                await io.Out.WriteLineAsync(answer).ConfigureAwait(false);
                if (quit) break;
                continue;
            }
            var now = time.GetUtcNow();
            var message = new InboundMessage($"chat:{now.UtcTicks}:{++sequence}", key, "terminal", user, line, now);
            var result = await pipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (result is null) continue;
            var label = result.Reply.Source == ReplySource.Offline ? $"{persona.Name} (offline voice)" : persona.Name;
            await io.Out.WriteLineAsync($"{label}: {result.Reply.Text}").ConfigureAwait(false);
            await io.Error.WriteLineAsync(
                $"  [{result.Decision.StanceName} · {WireNames.Of(result.Change.After.Stage)} · rule {result.Decision.Rule}" +
                (result.Decision.Directives.Count > 0 ? $" · {string.Join(", ", result.Decision.DirectiveNames)}" : "") + "]").ConfigureAwait(false);
        }
        return 0;
    }

    private static (string Answer, bool Quit) RunCommand(string line, RelationshipKey key, ILedgerStore store, PersonaConfig persona, DateTimeOffset now)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words[0].ToLowerInvariant())
        {
            case "/quit" or "/exit":
                return ("bye.", true);
            case "/help":
                return (Help, false);
            case "/rapport":
                var sub = words.Length > 1 ? words[1].ToLowerInvariant() : "view";
                return sub switch
                {
                    "why" => (RapportView.Why(store.Find(key)), false),
                    "numbers" => (RapportView.Describe(store.Find(key), persona.Name, now, withNumbers: true), false),
                    "view" => (RapportView.Describe(store.Find(key), persona.Name, now, withNumbers: false), false),
                    _ => ($"unknown /rapport option '{sub}': use /rapport, /rapport numbers or /rapport why", false),
                };
            case "/reset":
                var reset = store.Delete(key);
                return (reset == 0 ? "Nothing to reset: we haven't talked yet." : $"Done: we're strangers again. Deleted {reset} stored rows about this relationship.", false);
            case "/forget":
                var forgot = store.DeleteMember(key.MemberId);
                return ($"Deleted everything stored about you ({forgot} rows), and the database file was scrubbed.", false);
            default:
                return ($"unknown command {words[0]}; type /help", false);
        }
    }
}
