using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Safety;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>
/// Gets the words: from the model when one is configured and answers, otherwise from the offline voice. Safety text
/// (crisis resources, AI disclosure) is added here by code, after the model, so no persona or model can drop it.
/// </summary>
public sealed class ReplyWriter(IChatModel model, OfflineVoice offline)
{
    public async Task<OutboundReply> WriteAsync(
        ChatPrompt prompt, StanceDecision decision, PersonaConfig persona, RelationshipState state, CancellationToken cancellationToken)
    {
        string? text = null;
        var source = ReplySource.Offline;
        if (model.IsConfigured)
        {
            var reply = await model.CompleteAsync(prompt, cancellationToken).ConfigureAwait(false);
            if (reply is ModelReply.Completed completed && !string.IsNullOrWhiteSpace(completed.Text))
            {
                text = completed.Text;
                source = ReplySource.Model;
            }
        }
        text ??= offline.Line(persona, decision, state);
        return new OutboundReply(ReplyFormatter.Format(AddSafetyText(text, decision, persona)), source) { Body = text };
    }

    private static string AddSafetyText(string text, StanceDecision decision, PersonaConfig persona)
    {
        var parts = new List<string>(3);
        if (decision.Has(Directive.AiDisclosure))
        {
            parts.Add($"(Heads up: {persona.Name} is an AI companion, not a person.)");
        }
        parts.Add(text);
        if (decision.Has(Directive.BreakReminder))
        {
            parts.Add("(You've been chatting for a while: a good moment for a break. Reminder: I'm an AI, not a person.)");
        }
        if (decision.Has(Directive.CrisisResources))
        {
            parts.Add(CrisisResources.Message);
        }
        return string.Join("\n\n", parts);
    }
}
