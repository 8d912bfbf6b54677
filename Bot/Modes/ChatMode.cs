using CompanionBot.Commands;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
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
          /reset                   start over as strangers (asks to confirm: yes or no; once a day)
          /forget [everywhere]     delete everything stored about you (asks to confirm: yes or no)
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
        commandLine.AllowPositional(0);
        var user = commandLine.Option("user") ?? "you";
        var outputFolder = DataFolder.Of(services);
        var session = new ChatSession(io, RelationshipKey.Dm("local:" + user), user,
            services.GetRequiredService<ConversationPipeline>(), services.GetRequiredService<CommandService>(),
            services.GetRequiredService<IPersonaProvider>(), services.GetRequiredService<TimeProvider>(), outputFolder);
        try
        {
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends the chat at once. A turn in flight is abandoned before its one commit, so nothing is half-stored.
            await io.Out.WriteLineAsync().ConfigureAwait(false);
            await io.Out.WriteLineAsync("bye.").ConfigureAwait(false);
        }
        return 0;
    }
}
