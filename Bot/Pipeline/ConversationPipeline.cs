using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompanionBot.Pipeline;

/// <summary>
/// The shell around the engine, one line per step: load, plan (the engine), ask the model, check, persist, and hand
/// back what to send. Idempotent by message id; one turn (so one model request) at a time per member; flood limits
/// never apply to a crisis message. Two reads and one durable write per message.
/// </summary>
public sealed class ConversationPipeline(
    ILedgerStore store,
    IPersonaProvider personas,
    MessageAppraiser appraiser,
    TurnPlanner planner,
    ReplyWriter replies,
    MemberGate gate,
    SafetyGate safety,
    IHistoryStore? history = null,
    IStatsRecorder? stats = null,
    IAppraisalAssistant? assistant = null,
    ILogger<ConversationPipeline>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Handles one message: exactly one <see cref="TurnOutcome"/> comes back (logged here, once).</summary>
    public async Task<TurnOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken) =>
        _logger.Log(await TurnAsync(message, cancellationToken).ConfigureAwait(false));

    private async Task<TurnOutcome> TurnAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(message.Key.MemberId, cancellationToken).ConfigureAwait(false);
        var persona = personas.For(message.Key.Scope);
        var loaded = store.Load(message.Key, message.MessageId, planner.HistoryTurns);
        if (loaded.AlreadyHandled) return new TurnOutcome.Duplicate(message);
        var before = loaded.State ?? RelationshipState.New(message.Key, message.ReceivedAt, persona.Baseline);

        var appraisal = await AppraiseAsync(message, before, cancellationToken).ConfigureAwait(false);
        var admitted = safety.Admit(message, appraisal);
        if (admitted != FloodVerdict.Admitted)
        {
            // The ledger does not move; the id is marked so a replay stays quiet; a drop is counted, never silent.
            var limited = new TurnRecord(before, message.MessageId) { Counters = SafetyGate.CountersFor(admitted, message) };
            if (await PersistAsync(limited, cancellationToken).ConfigureAwait(false) is { Error: { } error }) return new TurnOutcome.Failed(message, error);
            return admitted == FloodVerdict.NotifyOnce ? new TurnOutcome.Throttled(message, SafetyGate.Notice) : new TurnOutcome.Dropped(message);
        }

        var plan = planner.Plan(message, appraisal, before, persona, loaded.History ?? history?.Recent(message.Key, planner.HistoryTurns) ?? []);
        var reply = await replies.WriteAsync(plan.Prompt, plan.Decision, persona, plan.After, cancellationToken).ConfigureAwait(false);

        // One durable transaction for the whole turn, before the reply is sent: a crash before it leaves the
        // message unhandled (a replay answers it), a crash after it loses nothing that was acknowledged.
        var record = new TurnRecord(plan.After, message.MessageId)
        {
            History = history?.EntryFor(plan.Decision, message.Text, reply.Body, message.ReceivedAt),
            Counters = [.. SafetyGate.CountersFor(plan.Decision, message.ReceivedAt), .. stats?.CountersFor(message.Key.Scope, plan.Decision, message.ReceivedAt) ?? []],
        };
        if (await PersistAsync(record, cancellationToken).ConfigureAwait(false) is { Error: { } failed }) return new TurnOutcome.Failed(message, failed);
        return new TurnOutcome.Replied(new TurnResult(message, appraisal, plan.Change, plan.Decision, plan.Prompt, reply));
    }

    /// <summary>The lexicon's appraisal, refined by the optional model second opinion (never on a crisis message).</summary>
    private async Task<MessageAppraisal> AppraiseAsync(InboundMessage message, RelationshipState before, CancellationToken cancellationToken)
    {
        var appraisal = appraiser.Appraise(message.Text, before, message.ReceivedAt);
        if (assistant is null || appraisal.Has(Signal.Crisis)) return appraisal;
        return await assistant.RefineAsync(message.Text, appraisal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The storage edge as a value: a failure the operator can fix is reported, not thrown at the transport.</summary>
    private async Task<Result> PersistAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            return Result.Success;
        }
        catch (StorageException ex)
        {
            return Result.Fail("storage", ex.Message);
        }
    }
}
