using System.Globalization;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Transport.Discord.Payloads;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Decides which messages the bot answers (DMs always; in guilds when mentioned, replied to, or in an always-answer
/// channel; never bots, webhooks or itself), and answers them through the pipeline with typing shown meanwhile.
/// </summary>
public sealed partial class DiscordMessageHandler(
    ConversationPipeline pipeline,
    DiscordMessenger messenger,
    DiscordApi api,
    DiscordSelf self,
    IChannelSettings channels,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordMessageHandler> logger,
    ChannelTyping? typing = null,
    UnansweredMessages? unanswered = null)
{
    /// <summary>JSON error code: "Cannot reply without permission to read message history".</summary>
    public const int CannotReplyWithoutReadHistory = 160002;

    private int _warnedEmptyContent;

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Message {Id}: no Read Message History in that channel (160002); sending the reply without a reference")]
    private static partial void LogReplyWithoutReference(ILogger logger, string id);

    /// <summary>Loads the channel settings into memory before the gateway connects, so the receive loop never reads the database.</summary>
    public void Prepare() => _ = channels.AnswersWithoutMention("0", "0");

    /// <summary>The message as the pipeline should see it, or null when the bot stays quiet.</summary>
    public InboundMessage? Accept(MessageCreate message, DateTimeOffset receivedAt)
    {
        var me = self.UserId;
        if (me is null || message.AuthorId == me || message.AuthorIsBot || message.FromWebhook) return null;
        if (message.Type is not (MessageCreate.DefaultType or MessageCreate.ReplyType)) return null;

        var role = message.GuildId is { } inGuild ? self.RoleIn(inGuild) : null;
        var addressed = message.IsDm
            || role is not null && (message.MentionedRoleIds.Contains(role) || message.Content.Contains($"<@&{role}>", StringComparison.Ordinal))
            || message.MentionedUserIds.Contains(me)
            || message.Content.Contains($"<@{me}>", StringComparison.Ordinal)
            || message.Content.Contains($"<@!{me}>", StringComparison.Ordinal)
            || message.RepliedToAuthorId == me
            || options.Value.AlwaysAnswerChannelIds.Contains(message.ChannelId)
            || message.GuildId is { } guildId && channels.AnswersWithoutMention(guildId, message.ChannelId);
        if (!addressed) return null;
        if (message.Content.Length == 0 && !message.IsDm && Interlocked.Exchange(ref _warnedEmptyContent, 1) == 0)
        {
            TransportLog.EmptyGuildContent(logger);
        }

        var text = message.Content
            .Replace($"<@{me}>", "", StringComparison.Ordinal)
            .Replace($"<@!{me}>", "", StringComparison.Ordinal)
            .Replace(role is null ? $"<@{me}>" : $"<@&{role}>", "", StringComparison.Ordinal)
            .Trim();
        var key = message.GuildId is { } guild ? RelationshipKey.InGuild(guild, message.AuthorId) : RelationshipKey.Dm(message.AuthorId);
        return new InboundMessage(message.Id, key, message.ChannelId, message.AuthorName, text, receivedAt);
    }

    public async Task ReplyAsync(InboundMessage message, CancellationToken ct)
    {
        TransportLog.MessageReceived(logger, message.MessageId, message.Key, message.Text);
        TurnOutcome outcome;
        await using (TypingIndicator.Start(api, message.ChannelId, time, ct, typing))
        {
            outcome = await pipeline.HandleAsync(message, ct).ConfigureAwait(false);
        }
        // The pipeline logs every outcome; only a reply or a notice is sent. Settled once sent (or with nothing to send);
        // a stop that cancels the send leaves the message open, kept for the next start.
        await SendAsync(message, outcome, ct).ConfigureAwait(false);
        unanswered?.Settled(outcome);
    }

    private async Task SendAsync(InboundMessage message, TurnOutcome outcome, CancellationToken ct)
    {
        if (outcome.Outbound is not { } outbound) return;

        var parts = outbound.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            var reference = i == 0 ? message.MessageId : null;
            var result = await messenger.SendAsync(message.ChannelId, parts[i], reference, Nonce(message.MessageId, i), ct).ConfigureAwait(false);
            if (result.ErrorCode == CannotReplyWithoutReadHistory && reference is not null)
            {
                // Message resource, "Create Message": a reply needs Read Message History; say it without the reference
                LogReplyWithoutReference(logger, message.MessageId);
                result = await messenger.SendAsync(message.ChannelId, parts[i], null, Nonce(message.MessageId, i), ct).ConfigureAwait(false);
            }
            if (result.IsSuccess) continue;
            var why = result.ErrorCode switch
            {
                50007 => "the user does not accept messages from the bot",
                50013 or 50001 => "the bot lacks permission in that channel",
                _ => redactor.Redact(result.Problem),
            };
            TransportLog.ReplyNotSent(logger, message.MessageId, i + 1, parts.Count, why);
            return;
        }
        TransportLog.Answered(logger, message.MessageId, parts.Count);
    }

    /// <summary>Deterministic per (message, part), at most 25 characters, so a retry after a timeout never duplicates.</summary>
    private static string Nonce(string messageId, int part)
    {
        var suffix = "." + part.ToString(CultureInfo.InvariantCulture);
        var head = messageId.Length + suffix.Length > 25 ? messageId[^(25 - suffix.Length)..] : messageId;
        return head + suffix;
    }
}
