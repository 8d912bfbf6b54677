using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Replies;
using CompanionBot.Storage;
using CompanionBot.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using CompanionBot.Turn;

namespace CompanionBot.Pipeline;

/// <summary>
/// The shell around the engine, one line per step: load, plan (the engine), ask the model, check, persist, and hand
/// back what to send. Idempotent by message id; messages typed in quick succession gathered into one turn
/// (<see cref="Bursts"/>); one turn (so one model request) at a time per member; flood limits count turns and never
/// apply to a crisis message, which is never held back. One read and one durable write per turn (plus one read per
/// message while bursts are on). A turn that finds the store unreachable waits for it (<see cref="StoreWaits"/>), in
/// order per member; past the wait, or on a full disk, the member is told once that nothing can be kept right now.
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
    IBurstListener? listener = null,
    StoreWaits? waits = null,
    CompanionMetrics? metrics = null,
    UnansweredMessages? unanswered = null,
    TimeProvider? time = null)
{
    /// <summary>What a member hears when the store cannot keep their turn: short, honest, never silence.</summary>
    public const string CannotKeep = "I can't keep anything right now, try me again in a bit.";

    /// <summary>For appraising a message on arrival while the store (and so the persona) cannot be read.</summary>
    private static readonly LedgerBaseline UnknownBaseline = new(0.1, 0.1);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly CompanionMetrics _metrics = metrics ?? CompanionMetrics.Unobserved;
    private readonly StoreWaits _waits = waits ?? StoreWaits.None(metrics ?? CompanionMetrics.Unobserved);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The one "nothing can be kept" reply.</summary>
    public static OutboundReply CannotKeepNotice { get; } = new(ReplyFormatter.Format(CannotKeep), ReplySource.Offline);

    /// <summary>
    /// Handles one message: exactly one <see cref="TurnOutcome"/> comes back (logged and counted here, once). While a
    /// burst is open this waits for its quiet gap; the caller whose message closes the burst gets the reply.
    /// </summary>
    public async Task<TurnOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        using var inFlight = _metrics.InFlight();
        return Finish(await OutcomeAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Answers this relationship's open burst now (end of piped input, or before a command reads the ledger).</summary>
    public void Flush(RelationshipKey key) => bursts.Flush(key);

    private async Task<TurnOutcome> OutcomeAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (unanswered is { Stopping: true })
        {
            unanswered.Postpone(message);
            return new TurnOutcome.Postponed(message);
        }
        if (!bursts.Enabled) return await TurnAsync(new Burst([message]), null, cancellationToken).ConfigureAwait(false);
        var (early, reading, urgent) = await ScreenAsync(message, cancellationToken).ConfigureAwait(false);
        if (early is not null) return early;
        // The message joins its burst before the listener hears of it, so a transport that lets the next message in
        // at that point keeps the burst in arrival order.
        var gathering = bursts.GatherAsync(message, urgent, cancellationToken);
        listener?.Gathering(message);
        var gathered = await gathering.ConfigureAwait(false);
        if (gathered is null) return new TurnOutcome.Gathered(message);
        var burst = Burst.Of(gathered);
        // A burst of this message alone hands the screen's reading on (the encoder ran once); several messages are
        // read together as the one text the turn answers.
        var handed = burst.Messages.Count == 1 && burst.Last.MessageId == message.MessageId ? reading : null;
        return await TurnAsync(burst, handed, cancellationToken).ConfigureAwait(false);
    }

    private TurnOutcome Finish(TurnOutcome outcome)
    {
        _logger.Log(outcome);
        _metrics.Turn(outcome.Name);
        if (outcome.Outbound is not null) _metrics.ReplyLatency(_time.GetUtcNow() - outcome.Message.ReceivedAt);
        return outcome;
    }

    /// <summary>
    /// Every message is read and appraised on arrival: a crisis message is never held back for a burst. When the store
    /// cannot be read the text alone decides, and the turn itself waits for the store. The reading (the encoder's work)
    /// is handed on to the turn, which finishes it against the state it loads.
    /// </summary>
    private async Task<(TurnOutcome? Early, MessageReading? Reading, bool Urgent)> ScreenAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        TurnSnapshot? loaded = null;
        LedgerBaseline? baseline = null;
        try
        {
            loaded = store.Load(message.Key, message.MessageId, 0);
            baseline = personas.For(message.Key.Scope).Baseline;
        }
        catch (Exception error) when (StoreWaits.IsStorage(error) && StorageFaults.Of(error) != StorageFault.Other)
        {
        }
        catch (StorageException ex)
        {
            return (new TurnOutcome.Failed(message, new EdgeError("storage", ex.Message)), null, false);
        }
        if (loaded is { AlreadyHandled: true }) return (new TurnOutcome.Duplicate(message), null, false);
        var state = loaded?.State ?? RelationshipState.New(message.Key, message.ReceivedAt, baseline ?? UnknownBaseline);
        var reading = await appraiser.ReadAsync(message.Text, cancellationToken).ConfigureAwait(false);
        return (null, reading, appraiser.Appraise(reading, state.CarriedRisk, message.ReceivedAt).Has(Signal.Crisis));
    }

    /// <summary>
    /// The member's turn: in order behind their earlier messages, then tried (again, while the store is away) as a
    /// whole: each try reads, plans, asks the model and commits in one transaction, or writes nothing.
    /// </summary>
    private async Task<TurnOutcome> TurnAsync(Burst burst, MessageReading? reading, CancellationToken cancellationToken)
    {
        var message = burst.Turn;
        unanswered?.Joined(message.MessageId, burst.EarlierIds);
        using var order = await gate.OrderAsync(message.Key.MemberId, cancellationToken).ConfigureAwait(false);
        using var waiting = new WaitCount(_metrics);
        var attempt = await _waits.RunAsync(token => TryTurnAsync(burst, reading, waiting, token), cancellationToken).ConfigureAwait(false);
        if (attempt.Refused is not { } refused) return attempt.Value!;
        var error = new EdgeError("storage", refused.Problem);
        return refused.Fault == StorageFault.Other ? new TurnOutcome.Failed(message, error) : new TurnOutcome.Unavailable(message, CannotKeepNotice, error);
    }

    private async Task<TurnOutcome> TryTurnAsync(Burst burst, MessageReading? reading, WaitCount waiting, CancellationToken cancellationToken)
    {
        waiting.Try();
        var message = burst.Turn;
        using var lease = await gate.LeaseAsync(message.Key.MemberId, cancellationToken).ConfigureAwait(false);
        var persona = personas.For(message.Key.Scope);
        var loaded = store.Load(message.Key, message.MessageId, planner.HistoryTurns);
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
            if (!await store.SaveAsync(limited, cancellationToken).ConfigureAwait(false)) return new TurnOutcome.Duplicate(message);
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
        // False: another process (or a replay, or an earlier try whose commit landed) handled this id; send nothing.
        if (!await store.SaveAsync(record, cancellationToken).ConfigureAwait(false)) return new TurnOutcome.Duplicate(message);
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

    /// <summary>Counts the turn in the store-wait queue from its second try until it ends.</summary>
    private sealed class WaitCount(CompanionMetrics metrics) : IDisposable
    {
        private int _tries;
        private IDisposable? _waiting;

        public void Try()
        {
            if (++_tries == 2) _waiting = metrics.WaitingStore();
        }

        public void Dispose() => _waiting?.Dispose();
    }
}
