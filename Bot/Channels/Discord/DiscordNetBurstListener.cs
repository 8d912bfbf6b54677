using CompanionBot.Pipeline;
using CompanionBot.Transport.Discord;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// While a member's burst waits for its quiet gap (Discord.Net client): lets the channel's next message in and shows
/// "typing…" at once, at most once per channel per <see cref="TypingIndicator.RepostEvery"/>; the REST budget skips
/// typing when the global limit is near (<see cref="BudgetedRestClient"/>).
/// </summary>
public sealed class DiscordNetBurstListener(BackgroundWork work, DiscordNetChannels channels, ChannelTyping typing) : IBurstListener
{
    public void Gathering(InboundMessage message)
    {
        // Only a message the Discord events queued is Discord's to answer: terminal chat shares the pipeline.
        if (!work.Release(DiscordBurstListener.ReleaseId(message.MessageId))) return;
        if (channels.Of(message.ChannelId) is not { } channel || !typing.TryClaim(message.ChannelId)) return;
        _ = channel.TriggerTypingAsync()
            .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
