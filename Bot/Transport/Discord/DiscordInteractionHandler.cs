using CompanionBot.Commands;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Answers slash commands inside Discord's 3 s window: the answer itself when the handler is quick, otherwise a
/// deferral ("thinking…") before <see cref="DeferAfter"/> and an edit of the original response when the handler is done.
/// </summary>
public sealed class DiscordInteractionHandler(
    IEnumerable<ICommandHandler> handlers,
    DiscordMessenger messenger,
    TimeProvider time,
    SecretRedactor redactor,
    ILogger<DiscordInteractionHandler> logger)
{
    /// <summary>Leaves a second of the 3 s for the network and Discord's own queueing.</summary>
    public static readonly TimeSpan DeferAfter = TimeSpan.FromSeconds(2);

    public const string UnknownCommand = "I don't know that command.";
    public const string Failed = "Something went wrong on my side; nothing was changed. Please try again later.";

    private readonly Dictionary<string, ICommandHandler> _byName = handlers.ToDictionary(h => h.Definition.Name, StringComparer.Ordinal);

    public async Task HandleAsync(InteractionCreate interaction, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (interaction.Type != InteractionCreate.ApplicationCommandType)
        {
            logger.LogDebug("Ignoring interaction {Id} of type {Type}", interaction.Id, interaction.Type);
            return;
        }
        var handler = _byName.GetValueOrDefault(interaction.CommandName);
        var ephemeral = handler?.RepliesPrivately ?? true;
        var invocation = new CommandInvocation(
            interaction.CommandName, interaction.SubcommandGroup, interaction.Subcommand, interaction.Options,
            interaction.InvokerId, interaction.InvokerName, interaction.GuildId, interaction.ChannelId,
            interaction.MemberPermissions, receivedAt);

        var work = RunAsync(handler, invocation, ct);
        var budget = DeferAfter - (time.GetUtcNow() - receivedAt);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = budget > TimeSpan.Zero ? Task.Delay(budget, time, deferTimer.Token) : Task.CompletedTask;
        var first = await Task.WhenAny(work, deadline).ConfigureAwait(false);
        await deferTimer.CancelAsync().ConfigureAwait(false);

        if (first == work)
        {
            var answer = await messenger.RespondAsync(interaction.Id, interaction.Token, (await work.ConfigureAwait(false)).Content, ephemeral, ct).ConfigureAwait(false);
            Report(interaction, "answer", answer.IsSuccess, answer.ErrorCode);
            return;
        }
        var deferred = await messenger.DeferAsync(interaction.Id, interaction.Token, ephemeral, ct).ConfigureAwait(false);
        Report(interaction, "deferral", deferred.IsSuccess, deferred.ErrorCode);
        if (!deferred.IsSuccess) return; // 10062 (too late) or 40060 (already answered): never retried
        var response = await work.ConfigureAwait(false);
        var edit = await messenger.EditOriginalAsync(interaction.ApplicationId, interaction.Token, response.Content, ct).ConfigureAwait(false);
        Report(interaction, "edited answer", edit.IsSuccess, edit.ErrorCode);
    }

    private async Task<CommandResponse> RunAsync(ICommandHandler? handler, CommandInvocation invocation, CancellationToken ct)
    {
        if (handler is null) return new CommandResponse(UnknownCommand);
        try
        {
            return await handler.HandleAsync(invocation, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // exception text never reaches a Discord user: log it, answer plainly
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            logger.LogError("/{Command} failed: {Error}", invocation.Name, redactor.Describe(ex));
            return new CommandResponse(Failed);
        }
    }

    private void Report(InteractionCreate interaction, string what, bool ok, int? code)
    {
        if (ok) logger.LogInformation("/{Command} {What} sent for interaction {Id}", interaction.CommandName, what, interaction.Id);
        else logger.LogWarning("/{Command} {What} for interaction {Id} failed (code {Code})", interaction.CommandName, what, interaction.Id, code);
    }
}
