using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// The Discord bot: runs the transport until cancelled (exit 0) or until Discord refuses to continue (exit 2 with one
/// line naming the setting to fix: a missing or bad token, a privileged intent not enabled, a bad shard setting).
/// </summary>
public static class DiscordMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IHost host, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("db");
        var options = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!options.HasToken)
        {
            await io.Error.WriteLineAsync("error: " + DiscordTransport.MissingToken).ConfigureAwait(false);
            return 2;
        }
        // Ctrl+C arrives through the token; SIGTERM (docker stop) through the host's lifetime. Either closes with 1000.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var result = await host.Services.GetRequiredService<DiscordTransport>().RunAsync(stop.Token).ConfigureAwait(false);
        if (!result.IsFatal) return 0;
        await io.Error.WriteLineAsync("error: " + result.FatalMessage).ConfigureAwait(false);
        return 2;
    }
}
