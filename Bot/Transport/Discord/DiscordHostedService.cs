using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// The Discord transport as a hosted service of the generic host: the host starts it; SIGTERM, Ctrl+C or
/// <see cref="IHostApplicationLifetime.StopApplication"/> stop it, and the shards close with 1000; a fatal Discord error
/// (a bad token, a bad shard setting...) stops the host, and <see cref="Completion"/> carries the one line naming the
/// setting to fix, which the discord mode prints before exiting with code 2.
/// </summary>
public sealed partial class DiscordHostedService(IDiscordTransport transport, IHostApplicationLifetime lifetime, ILogger<DiscordHostedService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<DiscordRunResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How the transport ended; completes when it has stopped.</summary>
    public Task<DiscordRunResult> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DiscordRunResult result;
        try
        {
            result = await transport.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
            lifetime.StopApplication();
            throw;
        }
        _completion.TrySetResult(result);
        if (result.IsFatal)
        {
            LogFatal(logger, result.FatalMessage!);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "Discord transport stopped: {Message}")]
    private static partial void LogFatal(ILogger logger, string message);
}
