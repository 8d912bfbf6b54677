using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using CompanionBot.Turn;

namespace CompanionBot.Pipeline;

/// <summary>
/// The shell around the engine, one line per step: load, plan (the engine), ask the model, check, persist, and hand
/// back what to send. Idempotent by message id; messages typed in quick succession gathered into one turn
/// (<see cref="Bursts"/>); one turn (so one model request) at a time per member; flood limits count turns and never
/// apply to a crisis message, which is never held back. One read and one durable write per turn (plus one read per
/// message while bursts are on).
/// </summary>
public sealed class ConversationPipeline(
    ILedgerStore store,
    IPersonaProvider personas,
    MessageAppraiser appraiser,
    TurnPlanner planner,
    ReplyWriter replies,
    MemberGate gate,
    SafetyGate safety,
    Bursts bursts,
    IHistoryStore? history = null,
    IStatsRecorder? stats = null,
    IAppraisalAssistant? assistant = null,
    ILogger<ConversationPipeline>? logger = null,
    IBurstListener? listener = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>
    /// Handles one message: exactly one <see cref="TurnOutcome"/> comes back (logged here, once). While a burst is
    /// open this waits for its quiet gap; the caller whose message closes the burst gets the reply.
    /// </summary>
    public async Task<TurnOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (!bursts.Enabled) return _logger.Log(await TurnAsync(new Burst([message]), null, cancellationToken).ConfigureAwait(false));
        var (early, reading, urgent) = await ScreenAsync(message, cancellationToken).ConfigureAwait(false);
        if (early is not null) return _logger.Log(early);
        // The message joins its burst before the listener hears of it, so a transport that lets the next message in
        // at that point keeps the burst in arrival order.
        var gathering = bursts.GatherAsync(message, urgent, cancellationToken);
        listener?.Gathering(message);
        var gathered = await gathering.ConfigureAwait(false);
        if (gathered is null) return _logger.Log(new TurnOutcome.Gathered(message));
        var burst = Burst.Of(gathered);
        // A burst of this message alone hands the screen's reading on (the encoder ran once); several messages are
        // read together as the one text the turn answers.
        var handed = burst.Messages.Count == 1 && burst.Last.MessageId == message.MessageId ? reading : null;
        return _logger.Log(await TurnAsync(burst, handed, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Answers this relationship's open burst now (end of piped input, or before a command reads the ledger).</summary>
    public void Flush(RelationshipKey key) => bursts.Flush(key);

    /// <summary>
    /// Every message is read and appraised on arrival: a crisis message is never held back for a burst. The reading
    /// (the encoder's work) is handed on to the turn; the turn finishes it against the state it loads.
    /// </summary>
    private async Task<(TurnOutcome? Early, MessageReading? Reading, bool Urgent)> ScreenAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var loaded = Load(message, 0);
        if (loaded.Error is { } error) return (new TurnOutcome.Failed(message, error), null, false);
        if (loaded.Value!.AlreadyHandled) return (new TurnOutcome.Duplicate(message), null, false);
        var state = loaded.Value.State ?? RelationshipState.New(message.Key, message.ReceivedAt, personas.For(message.Key.Scope).Baseline);
        var reading = await appraiser.ReadAsync(message.Text, cancellationToken).ConfigureAwait(false);
        return (null, reading, appraiser.Appraise(reading, state.CarriedRisk, message.ReceivedAt).Has(Signal.Crisis));
    }

    private async Task<TurnOutcome> TurnAsync(Burst burst, MessageReading? reading, CancellationToken cancellationToken)
    {
        var message = burst.Turn;
        var entered = await EnterAsync(message, cancellationToken).ConfigureAwait(false);
        if (entered.Error is { } locked) return new TurnOutcome.Failed(message, locked);
        using var _ = entered.Value!;
        var persona = personas.For(message.Key.Scope);
        var load = Load(message, planner.HistoryTurns);
        if (load.Error is { } unread) return new TurnOutcome.Failed(message, unread);
        var loaded = load.Value!;
        if (loaded.AlreadyHandled) return new TurnOutcome.Duplicate(message);
        var before = loaded.State ?? RelationshipState.New(message.Key, message.ReceivedAt, persona.Baseline);

        var appraisal = await AppraiseAsync(message, reading, before, cancellationToken).ConfigureAwait(false);
        var admitted = safety.Admit(message, appraisal);
        if (admitted != FloodVerdict.Admitted)
        {
            // The ledger does not move; the id is marked so a replay stays quiet; a drop is counted, never silent.
            var limited = new TurnRecord(before, message.MessageId)
            {
                GatheredIds = burst.EarlierIds,
                Counters = SafetyGate.CountersFor(admitted, message, burst.Messages.Count),
            };
            var marked = await PersistAsync(limited, cancellationToken).ConfigureAwait(false);
            if (marked.Error is { } error) return new TurnOutcome.Failed(message, error);
            if (!marked.Value) return new TurnOutcome.Duplicate(message);
            return admitted == FloodVerdict.NotifyOnce ? new TurnOutcome.Throttled(message, SafetyGate.Notice) : new TurnOutcome.Dropped(message);
        }

        var plan = planner.Plan(message, appraisal, before, persona, loaded.History ?? history?.Recent(message.Key, planner.HistoryTurns) ?? []);
        var reply = await replies.WriteAsync(plan.Prompt, plan.Decision, persona, plan.After, cancellationToken).ConfigureAwait(false);

        // One durable transaction for the whole turn, before the reply is sent: a crash before it leaves the
        // message unhandled (a replay answers it), a crash after it loses nothing that was acknowledged.
        var record = new TurnRecord(plan.After, message.MessageId)
        {
            GatheredIds = burst.EarlierIds,
            History = history?.EntryFor(plan.Decision, message.Text, reply.Body, message.ReceivedAt),
            Counters = (stats ?? TurnCounters.Instance).CountersFor(message.Key.Scope, plan.Decision, message.ReceivedAt),
        };
        var saved = await PersistAsync(record, cancellationToken).ConfigureAwait(false);
        if (saved.Error is { } failed) return new TurnOutcome.Failed(message, failed);
        // False: another process (or a replay) handled this id meanwhile; the unique claim wrote nothing, send nothing.
        if (!saved.Value) return new TurnOutcome.Duplicate(message);
        return new TurnOutcome.Replied(new TurnResult(message, appraisal, plan.Change, plan.Decision, plan.Prompt, reply));
    }

    /// <summary>
    /// The appraisal (the screen's reading when it was handed on, else read now), refined by the optional model second
    /// opinion (never on a crisis message).
    /// </summary>
    private async Task<MessageAppraisal> AppraiseAsync(InboundMessage message, MessageReading? reading, RelationshipState before, CancellationToken cancellationToken)
    {
        reading ??= await appraiser.ReadAsync(message.Text, cancellationToken).ConfigureAwait(false);
        var appraisal = appraiser.Appraise(reading, before.CarriedRisk, message.ReceivedAt);
        if (assistant is null || appraisal.Has(Signal.Crisis)) return appraisal;
        return await assistant.RefineAsync(message.Text, appraisal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The member's turn (with PostgreSQL, its cross-process lease): a storage failure is a value here too.</summary>
    private async Task<Result<IDisposable>> EnterAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return Result<IDisposable>.Success(await gate.EnterAsync(message.Key.MemberId, cancellationToken).ConfigureAwait(false));
        }
        catch (StorageException ex)
        {
            return Result<IDisposable>.Fail("storage", ex.Message);
        }
    }

    /// <summary>The storage edge as a value: a read that fails is reported, not thrown at the transport.</summary>
    private Result<TurnSnapshot> Load(InboundMessage message, int historyTurns)
    {
        try
        {
            return Result<TurnSnapshot>.Success(store.Load(message.Key, message.MessageId, historyTurns));
        }
        catch (StorageException ex)
        {
            return Result<TurnSnapshot>.Fail("storage", ex.Message);
        }
    }

    /// <summary>The storage edge as a value: a failure the operator can fix is reported, not thrown at the transport.</summary>
    private async Task<Result<bool>> PersistAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return Result<bool>.Success(await store.SaveAsync(record, cancellationToken).ConfigureAwait(false));
        }
        catch (StorageException ex)
        {
            return Result<bool>.Fail("storage", ex.Message);
        }
    }
}
