using CompanionBot.Modes;
using CompanionBot.Storage;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CompanionBot.Hosting;

/// <summary>
/// Chooses the mode, builds the host, runs the mode, and turns expected failures (bad configuration, an unusable
/// database, a bad argument) into one clear line on stderr and a non-zero exit code instead of a stack trace.
/// </summary>
public static class BotProgram
{
    public static async Task<int> RunAsync(string[] args, ConsoleIo io, IReadOnlyDictionary<string, string?>? configOverrides = null, CancellationToken cancellationToken = default)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
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
        if (commandLine.Option("db") is { } db) overrides["Storage:DatabasePath"] = db;
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
            using var host = CompanionHost.Build(overrides, commandLine.Mode);
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
            await io.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await io.Error.WriteLineAsync($"configuration error: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
            return 2;
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
        _ => throw new CommandLineException($"unknown mode {mode}"),
    };
}
