using CompanionBot.Appraisal;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Storage;

namespace CompanionBot.Pipeline;

/// <summary>
/// The flow, one line per step: appraise, move the ledger, decide, compose, write the reply, persist it all at once.
/// Idempotent by message id; one message (so one model request) at a time per member; flood limits never
/// apply to a crisis message.
/// </summary>
public sealed class ConversationPipeline(
    ILedgerStore store,
    IPersonaProvider personas,
    MessageAppraiser appraiser,
    RelationshipLedger ledger,
    StanceEngine engine,
    PromptComposer composer,
    ReplyWriter replies,
    MemberGate gate,
    SafetyGate safety,
    IHistoryStore? history = null,
    IStatsRecorder? stats = null,
    IAppraisalAssistant? assistant = null)
{
    /// <summary>Handles one message; null when it was already handled (a replayed event) or dropped as flood.</summary>
    public async Task<TurnResult?> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(message.Key.MemberId, cancellationToken).ConfigureAwait(false);
        if (store.WasProcessed(message.MessageId)) return null;

        var persona = personas.For(message.Key.Scope);
        var now = message.ReceivedAt;
        var before = store.Find(message.Key) ?? RelationshipState.New(message.Key, now, persona.Baseline);

        var appraisal = appraiser.Appraise(message.Text, before, now);
        // Optional model second opinion (Llm:AssistAppraisal): refines only non-safety signals, never the floor.
        if (assistant is not null && !appraisal.Has(Signal.Crisis))
        {
            appraisal = await assistant.RefineAsync(message.Text, appraisal, cancellationToken).ConfigureAwait(false);
        }
        var admitted = safety.Admit(message, appraisal);
        if (admitted != FloodVerdict.Admitted)
        {
            store.Save(before, message.MessageId);
            return admitted == FloodVerdict.NotifyOnce ? SafetyGate.Throttled(message, appraisal, before, persona) : null;
        }
        var change = ledger.Apply(before, appraisal, persona, now);
        var decision = engine.Decide(change.After, appraisal, persona, now);
        var after = ledger.Remember(change.After, appraisal, decision, now);

        var prompt = composer.Compose(persona, after, decision, message, history?.Recent(message.Key, composer.HistoryTurns) ?? []);
        var reply = await replies.WriteAsync(prompt, decision, persona, after, cancellationToken).ConfigureAwait(false);

        // One durable transaction for the whole turn, before the reply is sent: a crash before it leaves the
        // message unhandled (a replay answers it), a crash after it loses nothing that was acknowledged.
        // False: another process (or a replay) handled this id meanwhile; the unique claim wrote nothing, send nothing.
        var saved = store.Save(new TurnRecord(after, message.MessageId)
        {
            History = history?.EntryFor(decision, message.Text, reply.Body, now),
            Counters = (stats ?? TurnCounters.Instance).CountersFor(message.Key.Scope, decision, now),
        });
        if (!saved) return null;
        return new TurnResult(message, appraisal, change with { After = after }, decision, prompt, reply);
    }
}
