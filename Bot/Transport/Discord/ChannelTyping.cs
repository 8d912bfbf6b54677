namespace CompanionBot.Transport.Discord;

/// <summary>
/// When "typing…" was last posted per channel, so the burst listener and <see cref="TypingIndicator"/> never post it
/// twice within its lifetime (<see cref="TypingIndicator.RepostEvery"/>): each post is a request out of the budget.
/// </summary>
public sealed class ChannelTyping(TimeProvider time)
{
    private const int MaxChannels = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _postedAt = new(StringComparer.Ordinal);

    /// <summary>True (and remembered) when this channel has had no typing post for a repost interval.</summary>
    public bool TryClaim(string channelId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_postedAt.TryGetValue(channelId, out var last) && now - last < TypingIndicator.RepostEvery) return false;
            if (_postedAt.Count >= MaxChannels) _postedAt.Clear();
            _postedAt[channelId] = now;
            return true;
        }
    }
}
