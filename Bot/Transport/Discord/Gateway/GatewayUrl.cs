namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// The gateway url from GET /gateway/bot, cached for every (re)identify connection and fetched again only when
/// connecting with the cached one keeps failing (§1.1).
/// </summary>
public sealed class GatewayUrl(Uri initial, Func<CancellationToken, Task<Uri?>> fetch)
{
    private volatile Uri _current = initial;

    public Uri Current => _current;

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (await fetch(ct).ConfigureAwait(false) is { } fresh) _current = fresh;
    }
}
