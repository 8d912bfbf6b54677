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
            if (commandLine.Flag("postgres"))
            {
                var levels = Levels(commandLine.Option("levels") ?? "1,2,4");
                var pg = await new PostgresBench(services, io.Error).RunAsync(settings, levels, cancellationToken).ConfigureAwait(false);
                await io.Out.WriteLineAsync(settings.Json ? pg.ToJson() : pg.ToText()).ConfigureAwait(false);
                return 0;
            }
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

    /// <summary>--levels "1,2,4": how many concurrent pipelines each PostgreSQL level runs.</summary>
    private static int[] Levels(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var levels = parts.Select(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 32 ? n : 0).ToArray();
        if (levels.Length == 0 || levels.Contains(0)) throw new CommandLineException($"--levels must be whole numbers 1-32 separated by commas, got '{text}'");
        return levels;
    }
}
