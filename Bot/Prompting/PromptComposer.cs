using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Stances;

namespace CompanionBot.Prompting;

/// <summary>Persona, relationship and stance in words; the user's message kept apart as data.</summary>
public sealed class PromptComposer
{
    public ChatPrompt Compose(PersonaConfig persona, RelationshipState state, StanceDecision decision, InboundMessage message)
    {
        var system = $"""
            You are {persona.Name}. {persona.About}
            Voice: {persona.Voice}
            Stance for this reply: {WireNames.Of(decision.Stance)}. Directives: {string.Join(", ", decision.DirectiveNames)}.
            Relationship stage: {WireNames.Of(state.Stage)}.
            """;
        return new ChatPrompt(system, [], message.Text, persona.Model);
    }
}
