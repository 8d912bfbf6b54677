using CompanionBot.Hosting;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CompanionBot.Modes;

/// <summary>The Discord bot. Without a token it stops with a message naming the setting.</summary>
public static class DiscordMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IHost host, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("db");
        var options = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!options.HasToken)
        {
            await io.Error.WriteLineAsync("error: no Discord bot token: set the Discord:Token setting (environment variable Discord__Token).").ConfigureAwait(false);
            return 2;
        }
        await io.Error.WriteLineAsync("error: the Discord transport is not built yet.").ConfigureAwait(false);
        return 2;
    }
}
