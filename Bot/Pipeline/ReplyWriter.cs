using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Safety;
using CompanionBot.Stances;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using CompanionBot.Replies;

namespace CompanionBot.Pipeline;

/// <summary>
/// Gets the words: from the model when one is configured, answers and passes the reply guard (one regeneration
/// with a firmer instruction naming the violation), otherwise from the offline voice. Safety text (crisis
/// resources, AI disclosure) is added here by code, after the model, so no persona or model can drop it.
/// </summary>
public sealed partial class ReplyWriter(IChatModel model, OfflineVoice offline, ReplyGuard? guard = null, ILogger<ReplyWriter>? logger = null)
{
    private readonly ReplyGuard _guard = guard ?? new ReplyGuard();
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<OutboundReply> WriteAsync(
        ChatPrompt prompt, StanceDecision decision, PersonaConfig persona, RelationshipState state, CancellationToken cancellationToken)
    {
        // Crisis care never waits on a model: the care line and the resources go out at once, even if the
        // endpoint is down, slow or jailbroken.
        var useModel = model.IsConfigured && !decision.Has(Directive.CrisisResources);
        var text = useModel ? await FromModelAsync(prompt, decision, cancellationToken).ConfigureAwait(false) : null;
        var source = text is null ? ReplySource.Offline : ReplySource.Model;
        text ??= offline.Write(persona, decision, state,
            prompt.History.Where(t => t.Role == ChatRole.Assistant).Select(t => t.Text).ToList(), PromptText.Undelimit(prompt.User));
        return new OutboundReply(ReplyFormatter.Format(AddSafetyText(text, decision, persona, state)), source) { Body = text };
    }

    /// <summary>The guarded model text, or null for the offline voice.</summary>
    private async Task<string?> FromModelAsync(ChatPrompt prompt, StanceDecision decision, CancellationToken cancellationToken)
    {
        var userText = PromptText.Undelimit(prompt.User);
        var first = await AskAsync(prompt, decision, userText, cancellationToken).ConfigureAwait(false);
        if (first is null or { Passed: true }) return first?.Text;

        LogRejected(decision.StanceName, first.Kind ?? "other");
        LogRejectedDetail(first.Violation!);
        var firmer = prompt with { System = prompt.System + "\n\n" + Firmer(first.Violation!) };
        var second = await AskAsync(firmer, decision, userText, cancellationToken).ConfigureAwait(false);
        if (second is null or { Passed: true }) return second?.Text;

        LogRejected(decision.StanceName, second.Kind ?? "other");
        LogRejectedDetail(second.Violation!);
        return null;
    }

    private async Task<GuardVerdict?> AskAsync(ChatPrompt prompt, StanceDecision decision, string userText, CancellationToken cancellationToken)
    {
        var reply = await model.CompleteAsync(prompt, cancellationToken).ConfigureAwait(false);
        return reply is ModelReply.Completed completed ? _guard.Check(completed.Text, decision, userText) : null;
    }

    public static string Firmer(string violation) =>
        $"IMPORTANT: your previous draft was rejected because it {violation}. Write a new reply that does not do that, " +
        "and follows every instruction above.";

    private static string AddSafetyText(string text, StanceDecision decision, PersonaConfig persona, RelationshipState state)
    {
        var parts = new List<string>(3);
        if (decision.Has(Directive.AiDisclosure))
        {
            parts.Add(state.Exchanges <= 1 ? Notices.FirstContact(persona.Name) : Notices.Disclosure(persona.Name));
        }
        parts.Add(text);
        if (decision.Has(Directive.BreakReminder))
        {
            parts.Add(Notices.BreakReminder);
        }
        if (decision.Has(Directive.CrisisResources))
        {
            parts.Add(CrisisResources.Message);
        }
        return string.Join("\n\n", parts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "reply guard rejected a {Stance} reply ({Kind})")]
    private partial void LogRejected(string stance, string kind);

    /// <summary>The detail may quote message text: Debug only.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "reply guard: the draft {Violation}")]
    private partial void LogRejectedDetail(string violation);
}
