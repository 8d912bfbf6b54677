using CompanionBot.Terminal;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Modes;

/// <summary>
/// The Discord bot. The mode only chooses which hosted services run (the composition root adds
/// <see cref="DiscordHostedService"/>); the host runs it. This waits until the host is asked to stop (Ctrl+C, SIGTERM)
/// or the transport ends: exit 0 after a clean stop, exit 2 with one line naming the setting to fix when Discord
/// refused to continue (a missing or bad token, a bad shard setting).
/// </summary>
public static class DiscordMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IHost host, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("db");
        commandLine.AllowPositional(0);
        var options = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!options.HasToken)
        {
            await io.Error.WriteLineAsync("error: " + DiscordTransport.MissingToken).ConfigureAwait(false);
            return 2;
        }
        var service = host.Services.GetServices<IHostedService>().OfType<DiscordHostedService>().Single();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        await ((Task)service.Completion).WaitAsync(stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (service.Completion.IsFaulted) return 1; // a bug, already logged by the host
        if (!service.Completion.IsCompleted) return 0; // stopping: the host's StopAsync closes the shards cleanly
        var result = await service.Completion.ConfigureAwait(false);
        if (!result.IsFatal) return 0;
        await io.Error.WriteLineAsync("error: " + result.FatalMessage).ConfigureAwait(false);
        return 2;
    }
}
