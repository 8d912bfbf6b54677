using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Stances;

namespace CompanionBot.Turn;

/// <summary>The engine's plan for one turn: how the relationship moved, what the reply must do, and the prompt for it.</summary>
public sealed record TurnPlan(RelationshipChange Change, StanceDecision Decision, ChatPrompt Prompt)
{
    public RelationshipState After => Change.After;
}

/// <summary>
/// The engine as one pure step: from an appraised message, the state before it, the persona and the recent history,
/// the plan of the turn (ledger move, decision, what the companion remembers, the prompt). No I/O; <c>now</c> is the
/// message's own arrival time.
/// </summary>
public sealed class TurnPlanner(RelationshipLedger ledger, StanceEngine stances, PromptComposer composer)
{
    /// <summary>How many recent turns the prompt reads (so the caller loads no more than that).</summary>
    public int HistoryTurns => composer.HistoryTurns;

    public TurnPlan Plan(InboundMessage message, MessageAppraisal appraisal, RelationshipState before, PersonaConfig persona, IReadOnlyList<ChatTurn> history)
    {
        var now = message.ReceivedAt;
        var change = ledger.Apply(before, appraisal, persona, now);
        var decision = stances.Decide(change.After, appraisal, persona, now, message.Text);
        var after = ledger.Remember(change.After, appraisal, decision.Move, now);
        var prompt = composer.Compose(persona, after, decision, message, history);
        return new TurnPlan(change with { After = after }, decision, prompt);
    }
}
