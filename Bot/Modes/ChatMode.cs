using CompanionBot.Commands;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        // The turns' token: Ctrl-C cancels it, and so does a stop that could not wait for them any longer.
        using var turns = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = new ChatSession(io, RelationshipKey.Dm("local:" + user), user,
            services.GetRequiredService<ConversationPipeline>(), services.GetRequiredService<CommandService>(),
            services.GetRequiredService<IPersonaProvider>(), services.GetRequiredService<TimeProvider>(), outputFolder,
            services.GetRequiredService<UnansweredMessages>(), cancellationToken);
        // SIGTERM (the host told to stop) ends the chat like end of input, answering what was typed within the host's
        // shutdown timeout; Ctrl-C (cancellationToken) still ends it at once.
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var drainLimit = services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        try
        {
            await session.RunAsync(turns.Token, stopping, drainLimit).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends the chat at once. A turn in flight is abandoned before its one commit, so nothing is half-stored.
            await io.Out.WriteLineAsync().ConfigureAwait(false);
            await io.Out.WriteLineAsync("bye.").ConfigureAwait(false);
        }
        finally
        {
            // Stopped before every line was answered: the rest are cancelled before their commit and kept for the next start.
            await turns.CancelAsync().ConfigureAwait(false);
        }
        return 0;
    }
}
