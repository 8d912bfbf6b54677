using CompanionBot.Bench;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// `bench`: pipeline throughput and latency without the model, beside the raw durable SQLite write rate on the same
/// disk. The report (or, with --json, exactly one JSON object) goes to stdout; progress goes to stderr.
/// </summary>
public static class BenchMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        var settings = BenchSettings.From(commandLine);
        try
        {
            var result = await new BenchRunner(services, io.Error).RunAsync(settings, cancellationToken).ConfigureAwait(false);
            await io.Out.WriteLineAsync(settings.Json ? result.ToJson() : result.ToText()).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await io.Error.WriteLineAsync("bench: cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}
