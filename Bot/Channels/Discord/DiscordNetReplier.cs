using Discord;
using Discord.Net;
using CompanionBot.Pipeline;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Answers one accepted message through the pipeline and Discord.Net: typing only when the turn takes a while, each
/// part (the pipeline splits at 2,000 characters) sent with mentions locked, the first as a reply that pings no one;
/// a reply refused for want of Read Message History (160002) is sent again without its reference. The channel's
/// recent-conversation mark moves once the message is handled, for the catch-up after a restart.
/// </summary>
public sealed partial class DiscordNetReplier(
    ConversationPipeline pipeline,
    ChannelTyping typing,
    RecentChannels recent,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordNetReplier> logger)
{
    public async Task ReplyAsync(InboundMessage message, IMessageChannel channel, string? guildId, CancellationToken ct)
    {
        TransportLog.MessageReceived(logger, message.MessageId, message.Key, message.Text);
        TurnOutcome outcome;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var showing = ShowTypingAsync(channel, stop.Token);
            try
            {
                outcome = await pipeline.HandleAsync(message, ct).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await showing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        recent.Handled(message.ChannelId, guildId, message.MessageId);
        if (outcome.Outbound is not { } outbound) return;

        var parts = outbound.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            var reference = i == 0 ? new MessageReference(DiscordNetMessages.Parse(message.MessageId), channel.Id, failIfNotExists: false) : null;
            var problem = await SendAsync(channel, parts[i], reference, ct).ConfigureAwait(false);
            if (problem is DiscordErrorCode.CannotReplyWithoutReadMessageHistory && reference is not null)
            {
                LogReplyWithoutReference(logger, message.MessageId);
                problem = await SendAsync(channel, parts[i], null, ct).ConfigureAwait(false);
            }
            if (problem is null) continue;
            var why = problem switch
            {
                DiscordErrorCode.CannotSendMessageToUser => "the user does not accept messages from the bot",
                DiscordErrorCode.MissingPermissions or DiscordErrorCode.InsufficientPermissions => "the bot lacks permission in that channel",
                _ => "Discord error " + ((int)problem).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            TransportLog.ReplyNotSent(logger, message.MessageId, i + 1, parts.Count, why);
            return;
        }
        TransportLog.Answered(logger, message.MessageId, parts.Count);
    }

    /// <summary>Null when sent; the JSON error code otherwise (0 when Discord gave none).</summary>
    private async Task<DiscordErrorCode?> SendAsync(IMessageChannel channel, string content, MessageReference? reference, CancellationToken ct)
    {
        try
        {
            await channel.SendMessageAsync(content, allowedMentions: DiscordNetMessages.NoMentions(), messageReference: reference,
                options: new RequestOptions { CancelToken = ct }).ConfigureAwait(false);
            return null;
        }
        catch (HttpException ex)
        {
            if (ex.DiscordCode is null) LogSendFailed(logger, redactor.Redact(ex.Message));
            return ex.DiscordCode ?? 0;
        }
    }

    /// <summary>"Typing…" after <see cref="TypingIndicator.ShowAfter"/>, then every <see cref="TypingIndicator.RepostEvery"/>, skipped when a burst already showed it.</summary>
    private async Task ShowTypingAsync(IMessageChannel channel, CancellationToken ct)
    {
        await Task.Delay(TypingIndicator.ShowAfter, time, ct).ConfigureAwait(false);
        var id = DiscordNetMessages.Id(channel.Id);
        while (!ct.IsCancellationRequested)
        {
            if (typing.TryClaim(id)) await channel.TriggerTypingAsync(new RequestOptions { CancelToken = ct }).ConfigureAwait(false);
            await Task.Delay(TypingIndicator.RepostEvery, time, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2410, Level = LogLevel.Information, Message = "Message {Id}: no Read Message History in that channel (160002); sending the reply without a reference")]
    private static partial void LogReplyWithoutReference(ILogger logger, string id);

    [LoggerMessage(EventId = 2411, Level = LogLevel.Warning, Message = "A reply was not sent: {Problem}")]
    private static partial void LogSendFailed(ILogger logger, string problem);
}
