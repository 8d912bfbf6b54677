using CompanionBot.Pipeline;
using CompanionBot.Transport.Discord.Rest;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// While a member's burst waits for its quiet gap: lets the channel's next message in (so it joins the burst instead
/// of queueing behind this one's reply) and shows "typing…" at once, at most once per channel per
/// <see cref="TypingIndicator.RepostEvery"/> (<see cref="ChannelTyping"/>). Typing stays a courtesy: the REST limiter skips it when the global budget
/// is short, exactly as for <see cref="TypingIndicator"/>.
/// </summary>
public sealed class DiscordBurstListener(BackgroundWork work, DiscordApi api, ChannelTyping typing) : IBurstListener
{
    /// <summary>The release id <see cref="DiscordEventRouter"/> queues a message under.</summary>
    public static string ReleaseId(string messageId) => "message:" + messageId;

    public void Gathering(InboundMessage message)
    {
        // Only a message the Discord router queued is Discord's to answer: terminal chat shares the pipeline, and its
        // lines must never turn into requests to Discord.
        if (!work.Release(ReleaseId(message.MessageId))) return;
        if (!typing.TryClaim(message.ChannelId)) return;
        _ = api.TriggerTypingAsync(message.ChannelId, CancellationToken.None)
            .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
