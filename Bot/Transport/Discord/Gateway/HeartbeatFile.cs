using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// Touched on every heartbeat ACK while the store works: a Docker HEALTHCHECK only has to check that the file is
/// recent. While the store has been failing for longer than StoreOutage:UnhealthyAfterSeconds it is not touched, so the
/// check fails and an orchestrator can restart the bot or route around it.
/// </summary>
public sealed class HeartbeatFile(IOptions<DiscordOptions> options, TimeProvider time, ILogger<HeartbeatFile> logger, Pipeline.StoreHealth? store = null)
{
    private int _warned;

    public void Touch()
    {
        var path = options.Value.HeartbeatFile;
        if (string.IsNullOrWhiteSpace(path)) return;
        if (store is { IsHealthy: false }) return;
        try
        {
            if (!File.Exists(path))
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                File.WriteAllBytes(path, []);
            }
            File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0) GatewayLog.HeartbeatFileFailed(logger, path, ex.Message);
        }
    }
}
