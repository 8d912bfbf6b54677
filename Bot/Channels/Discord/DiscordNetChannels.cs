using System.Collections.Concurrent;
using Discord;

namespace CompanionBot.Channels.Discord;

/// <summary>The channel of each recently queued message, for the burst listener's typing (kept apart so the listener, which the pipeline uses, does not depend on the events).</summary>
public sealed class DiscordNetChannels
{
    private const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<string, IMessageChannel> _channels = new(StringComparer.Ordinal);

    public IMessageChannel? Of(string channelId) => _channels.GetValueOrDefault(channelId);

    public void Remember(string channelId, IMessageChannel channel)
    {
        if (_channels.Count >= MaxKept) _channels.Clear();
        _channels[channelId] = channel;
    }
}
