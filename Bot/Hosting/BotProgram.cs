using CompanionBot.Modes;
using CompanionBot.Storage;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CompanionBot.Terminal;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Hosting;

/// <summary>
/// Chooses the mode, builds the host, runs the mode, and turns expected failures (bad configuration, an unusable
/// database, a bad argument) into one clear line on stderr and a non-zero exit code instead of a stack trace.
/// </summary>
public static class BotProgram
{
    /// <param name="configure">Services added after the composition root's (tests reach the host's lifetime this way).</param>
    public static async Task<int> RunAsync(string[] args, ConsoleIo io, IReadOnlyDictionary<string, string?>? configOverrides = null, CancellationToken cancellationToken = default,
        Action<IServiceCollection>? configure = null)
    {
        CommandLine commandLine;
        string? databaseOption;
        try
        {
            commandLine = CommandLine.Parse(args);
            databaseOption = commandLine.Option("db");
        }
        catch (CommandLineException ex)
        {
            await io.Error.WriteLineAsync($"error: {ex.Message}\n\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }
        if (commandLine.Mode == Mode.Help)
        {
            await io.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }
        if (commandLine.Mode == Mode.Train)
        {
            try
            {
                return await TrainMode.RunAsync(commandLine, io, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandLineException ex)
            {
                await io.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        }

        var overrides = new Dictionary<string, string?>(configOverrides ?? new Dictionary<string, string?>());
        if (databaseOption is { } db) overrides["Storage:DatabasePath"] = db;
        if (commandLine.Option("appraiser") is { } appraiser)
        {
            if (appraiser is not ("lexicon" or "semantic"))
            {
                await io.Error.WriteLineAsync("error: --appraiser is semantic or lexicon").ConfigureAwait(false);
                return 2;
            }
            overrides[Perception.PerceptionServices.SemanticKey] = appraiser == "semantic" ? "true" : "false";
        }

        try
        {
            using var host = CompanionHost.Build(overrides, commandLine.Mode, configure);
            // Checked before the host starts, so a bad setting is one line per key, never the host's stack trace.
            var problems = SettingsChecks.Problems(host.Services);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await io.Error.WriteLineAsync($"configuration error: {problem}").ConfigureAwait(false);
                return 2;
            }
            var mode = ResolveMode(commandLine.Mode, host.Services, io);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await RunModeAsync(mode, commandLine, host, io, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (CommandLineException ex)
        {
            await io.Error.WriteLineAsync($"error: {ex.Message}\n\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (InvalidSettingsException ex)
        {
            foreach (var problem in ex.Problems) await io.Error.WriteLineAsync($"configuration error: {problem}").ConfigureAwait(false);
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures) await io.Error.WriteLineAsync($"configuration error: {failure}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C in a mode that does not end on it by itself (replay, eval, bench): stopped, not succeeded.
            await io.Error.WriteLineAsync("interrupted.").ConfigureAwait(false);
            return 130;
        }
        catch (StorageException ex)
        {
            await io.Error.WriteLineAsync($"storage error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static Mode ResolveMode(Mode requested, IServiceProvider services, ConsoleIo io)
    {
        if (requested != Mode.Auto) return requested;
        var discord = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (discord.HasToken) return Mode.Discord;
        io.Error.WriteLine("No Discord token configured (Discord__Token): starting terminal chat. Type /help for commands.");
        return Mode.Chat;
    }

    private static Task<int> RunModeAsync(Mode mode, CommandLine commandLine, IHost host, ConsoleIo io, CancellationToken cancellationToken) => mode switch
    {
        Mode.Chat => ChatMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        Mode.Discord => DiscordMode.RunAsync(commandLine, host, io, cancellationToken),
        Mode.Replay => ReplayMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        Mode.Eval => EvalMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        Mode.Bench => BenchMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        Mode.Backup => BackupMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        Mode.Migrate => MigrateMode.RunAsync(commandLine, host.Services, io, cancellationToken),
        _ => throw new CommandLineException($"unknown mode {mode}"),
    };
}
