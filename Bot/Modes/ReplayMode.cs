using CompanionBot.Hosting;

namespace CompanionBot.Modes;

public static class ReplayMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        await io.Error.WriteLineAsync("error: this mode is not built yet.").ConfigureAwait(false);
        return 2;
    }
}
