using CompanionBot.Commands;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Answers slash commands and confirmation buttons inside Discord's 3 s window: the answer itself when the command
/// is quick, otherwise a deferral before <see cref="DeferAfter"/> and an edit of the original response when it is
/// done. The invoker's permissions are read from this very payload and re-checked by the command service.
/// </summary>
public sealed class DiscordInteractionHandler(
    ISlashCommands commands,
    AttachmentDownloader attachments,
    DiscordMessenger messenger,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordInteractionHandler> logger)
{
    /// <summary>Leaves a second of the 3 s for the network and Discord's own queueing.</summary>
    public static readonly TimeSpan DeferAfter = TimeSpan.FromSeconds(2);

    /// <summary>JSON error code: "Interaction has already been acknowledged".</summary>
    public const int AlreadyAcknowledged = 40060;

    public const string UnknownCommand = "I don't know that command.";
    public const string Failed = "Something went wrong on my side; nothing was changed. Please try again later.";
    public const string AttachmentUnreadable = "I couldn't read that file: attach a text file of at most 64 KB.";

    public async Task HandleAsync(InteractionCreate interaction, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (interaction.Type is not (InteractionCreate.ApplicationCommandType or InteractionCreate.MessageComponentType))
        {
            TransportLog.InteractionIgnored(logger, interaction.Id, interaction.Type);
            return;
        }
        var button = interaction.Type == InteractionCreate.MessageComponentType;
        var work = RunAsync(interaction, receivedAt, ct);
        var budget = DeferAfter - (time.GetUtcNow() - receivedAt);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = budget > TimeSpan.Zero ? Task.Delay(budget, time, deferTimer.Token) : Task.CompletedTask;
        var first = await Task.WhenAny(work, deadline).ConfigureAwait(false);
        await deferTimer.CancelAsync().ConfigureAwait(false);

        if (first == work)
        {
            var answer = await messenger.AnswerAsync(interaction.Id, interaction.Token, await work.ConfigureAwait(false), button, ct).ConfigureAwait(false);
            Report(interaction, "answer", answer.IsSuccess, answer.ErrorCode);
            return;
        }
        var deferred = await messenger.DeferAsync(interaction.Id, interaction.Token, ephemeral: true, ct, updatesMessage: button).ConfigureAwait(false);
        Report(interaction, "deferral", deferred.IsSuccess, deferred.ErrorCode);
        // Receiving and Responding: 10062 means too late (nothing to edit); 40060 means an acknowledgement did arrive, and
        // no answer at all (status 0) may hide one that did: in both the member is watching "thinking...", so edit it
        if (!deferred.IsSuccess && deferred.ErrorCode != AlreadyAcknowledged && deferred.Status != 0) return;
        var edit = await messenger.EditOriginalAsync(interaction.ApplicationId, interaction.Token, await work.ConfigureAwait(false), ct).ConfigureAwait(false);
        Report(interaction, "edited answer", edit.IsSuccess, edit.ErrorCode);
    }

    private async Task<CommandReply> RunAsync(InteractionCreate interaction, DateTimeOffset receivedAt, CancellationToken ct)
    {
        try
        {
            if (DiscordCommandJson.Read(interaction.Raw, receivedAt) is not { } read) return new CommandReply(UnknownCommand);
            var request = read.Request;
            if (read.Attachment is { } attachment)
            {
                var text = await attachments.TextAsync(attachment, ct).ConfigureAwait(false);
                if (text is null) return new CommandReply(AttachmentUnreadable);
                request = request with { AttachmentText = text };
            }
            return await commands.HandleAsync(request, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // exception text never reaches a Discord user: log it, answer plainly
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            TransportLog.CommandFailed(logger, interaction.CommandName, redactor.Describe(ex));
            return new CommandReply(Failed);
        }
    }

    private void Report(InteractionCreate interaction, string what, bool ok, int? code)
    {
        if (ok) TransportLog.InteractionAnswered(logger, interaction.CommandName, what, interaction.Id);
        else TransportLog.InteractionNotAnswered(logger, interaction.CommandName, what, interaction.Id, code);
    }
}
