using CompanionBot.Transport.Discord.Rest;

namespace CompanionBot.Transport.Discord;

/// <summary>Shows "typing…" while a reply is produced: posted at once, then every 8 s (it lasts 10 s) until disposed.</summary>
public sealed class TypingIndicator : IAsyncDisposable
{
    public static readonly TimeSpan RepostEvery = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private TypingIndicator(DiscordApi api, string channelId, TimeProvider time, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = RepostAsync(api, channelId, time, _stop.Token);
    }

    /// <summary>Posts the first indicator (its failure does not matter: typing is a courtesy) and keeps it alive.</summary>
    public static async Task<TypingIndicator> StartAsync(DiscordApi api, string channelId, TimeProvider time, CancellationToken ct)
    {
        await api.TriggerTypingAsync(channelId, ct).ConfigureAwait(false);
        return new TypingIndicator(api, channelId, time, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task RepostAsync(DiscordApi api, string channelId, TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(RepostEvery, time, ct).ConfigureAwait(false);
            await api.TriggerTypingAsync(channelId, ct).ConfigureAwait(false);
        }
    }
}
