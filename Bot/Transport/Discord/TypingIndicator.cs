using CompanionBot.Transport.Discord.Rest;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Shows "typing…" only when a reply takes a while (the model is being called): first after <see cref="ShowAfter"/>,
/// then every 8 s (it lasts 10 s) until disposed. A quick reply sends none, so under load each answer costs one
/// request, not two. Typing is a courtesy: the REST limiter drops it first when the global budget is short.
/// </summary>
public sealed class TypingIndicator : IAsyncDisposable
{
    public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan RepostEvery = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private TypingIndicator(DiscordApi api, string channelId, TimeProvider time, ChannelTyping? shown, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = ShowAsync(api, channelId, time, shown, _stop.Token);
    }

    /// <summary>With <paramref name="shown"/>, a post is skipped while typing posted by someone else still shows.</summary>
    public static TypingIndicator Start(DiscordApi api, string channelId, TimeProvider time, CancellationToken ct, ChannelTyping? shown = null) =>
        new(api, channelId, time, shown, ct);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task ShowAsync(DiscordApi api, string channelId, TimeProvider time, ChannelTyping? shown, CancellationToken ct)
    {
        await Task.Delay(ShowAfter, time, ct).ConfigureAwait(false);
        while (!ct.IsCancellationRequested)
        {
            if (shown is null || shown.TryClaim(channelId)) await api.TriggerTypingAsync(channelId, ct).ConfigureAwait(false);
            await Task.Delay(RepostEvery, time, ct).ConfigureAwait(false);
        }
    }
}
