using CompanionBot.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Hosting;

/// <summary>
/// What a stop (SIGTERM, Ctrl+C in the discord mode, the host told to stop) does before any transport closes: new
/// messages are postponed, every open burst is answered at once, and what already arrived is answered within the host's
/// shutdown timeout (the token of <see cref="StoppingAsync"/>). What could not be answered in time, and what arrived
/// meanwhile, is written for the next start (<see cref="UnansweredMessages"/>), again once every service has stopped.
/// </summary>
public sealed partial class GracefulStop(UnansweredMessages unanswered, Bursts bursts, ILogger<GracefulStop> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        unanswered.BeginStopping();
        bursts.CloseAll();
        LogDraining(logger, unanswered.Open);
        await unanswered.WhenSettledAsync(cancellationToken).ConfigureAwait(false);
        unanswered.Save();
    }

    /// <summary>Once the transports have stopped: anything they cancelled, or that arrived while they closed, is kept too.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        unanswered.Save();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Stopping: answering the {Count} messages already taken in before closing")]
    private static partial void LogDraining(ILogger logger, int count);
}
