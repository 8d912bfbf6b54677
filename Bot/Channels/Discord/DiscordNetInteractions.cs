using Discord;
using Discord.Net;
using Discord.WebSocket;
using CompanionBot.Commands;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>
/// Answers slash commands and confirmation buttons through Discord.Net inside Discord's 3 s window: the answer itself
/// when the command is quick, otherwise a deferral before <see cref="DiscordInteractionHandler.DeferAfter"/> and an
/// edit of the original response once done. Every answer and edit carries locked allowed mentions.
/// </summary>
public sealed class DiscordNetInteractions(
    ISlashCommands commands,
    AttachmentDownloader attachments,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordNetInteractions> logger)
{
    public async Task HandleAsync(SocketInteraction interaction, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var name = (interaction as SocketSlashCommand)?.Data.Name ?? "button";
        var id = DiscordNetMessages.Id(interaction.Id);
        if (interaction is not (SocketSlashCommand or SocketMessageComponent))
        {
            TransportLog.InteractionIgnored(logger, id, (int)interaction.Type);
            return;
        }
        var button = interaction as SocketMessageComponent;
        var work = RunAsync(interaction, name, receivedAt, ct);
        var budget = DiscordInteractionHandler.DeferAfter - (time.GetUtcNow() - receivedAt);
        using (var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var deadline = budget > TimeSpan.Zero ? Task.Delay(budget, time, deferTimer.Token) : Task.CompletedTask;
            var first = await Task.WhenAny(work, deadline).ConfigureAwait(false);
            await deferTimer.CancelAsync().ConfigureAwait(false);
            if (first == work)
            {
                var reply = await work.ConfigureAwait(false);
                Report(name, id, "answer", await TryAsync(() => AnswerAsync(interaction, button, reply, ct)).ConfigureAwait(false));
                return;
            }
        }
        var deferral = await TryAsync(() => button is not null
            ? button.DeferAsync(options: Options(ct))
            : interaction.DeferAsync(ephemeral: true, Options(ct))).ConfigureAwait(false);
        Report(name, id, "deferral", deferral);
        // 10062: too late, nothing to edit; 40060: an acknowledgement did arrive; no answer at all may hide one that did
        if (deferral is { } code && code != DiscordInteractionHandler.AlreadyAcknowledged && code != NoAnswer) return;
        var done = await work.ConfigureAwait(false);
        Report(name, id, "edited answer", await TryAsync(() => interaction.ModifyOriginalResponseAsync(p => Fill(p, done), Options(ct))).ConfigureAwait(false));
    }

    /// <summary>The code Discord refused with; <see cref="NoAnswer"/> when no answer came; null when accepted.</summary>
    private const int NoAnswer = -1;

    private static Task AnswerAsync(SocketInteraction interaction, SocketMessageComponent? button, CommandReply reply, CancellationToken ct)
    {
        if (button is not null) return button.UpdateAsync(p => Fill(p, reply), Options(ct)); // replaces the confirmation message
        var text = Fit(reply.Text);
        return reply.File is { } file
            ? interaction.RespondWithFileAsync(new FileAttachment(new MemoryStream(file.Bytes), file.Name), text, ephemeral: reply.Ephemeral,
                allowedMentions: DiscordNetMessages.NoMentions(), components: Components(reply), options: Options(ct))
            : interaction.RespondAsync(text, ephemeral: reply.Ephemeral, allowedMentions: DiscordNetMessages.NoMentions(), components: Components(reply), options: Options(ct));
    }

    private static void Fill(MessageProperties p, CommandReply reply)
    {
        p.Content = Fit(reply.Text);
        p.AllowedMentions = DiscordNetMessages.NoMentions();
        p.Components = Components(reply);
        if (reply.File is { } file) p.Attachments = new List<FileAttachment> { new(new MemoryStream(file.Bytes), file.Name) };
    }

    private static MessageComponent Components(CommandReply reply) =>
        reply.Confirmation is { } confirmation
            ? new ComponentBuilder().WithButton(confirmation.Label, confirmation.Token, ButtonStyle.Danger).Build()
            : new ComponentBuilder().Build();

    private static string Fit(string text) =>
        text.Length <= DiscordCommandJson.MaxContentLength ? text : text[..(DiscordCommandJson.MaxContentLength - 1)] + "…";

    private static RequestOptions Options(CancellationToken ct) => new() { CancelToken = ct, RetryMode = RetryMode.RetryRatelimit };

    private async Task<CommandReply> RunAsync(SocketInteraction interaction, string name, DateTimeOffset receivedAt, CancellationToken ct)
    {
        try
        {
            if (DiscordNetCommandReader.Read(interaction, receivedAt) is not { } read) return new CommandReply(DiscordInteractionHandler.UnknownCommand);
            var request = read.Request;
            if (read.Attachment is { } attachment)
            {
                var text = await attachments.TextAsync(attachment, ct).ConfigureAwait(false);
                if (text is null) return new CommandReply(DiscordInteractionHandler.AttachmentUnreadable);
                request = request with { AttachmentText = text };
            }
            return await commands.HandleAsync(request, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // exception text never reaches a Discord user: log it, answer plainly
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            TransportLog.CommandFailed(logger, name, redactor.Describe(ex));
            return new CommandReply(DiscordInteractionHandler.Failed);
        }
    }

    private async Task<int?> TryAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return null;
        }
        catch (HttpException ex)
        {
            return ex.DiscordCode is { } code ? (int)code : (int)ex.HttpCode;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // Discord.Net refuses locally past 3 s or after an acknowledgement: nothing was sent
            TransportLog.CommandFailed(logger, "interaction", redactor.Describe(ex));
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return NoAnswer;
        }
    }

    private void Report(string name, string id, string what, int? code)
    {
        if (code is null) TransportLog.InteractionAnswered(logger, name, what, id);
        else TransportLog.InteractionNotAnswered(logger, name, what, id, code);
    }
}
