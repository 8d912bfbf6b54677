using System.Diagnostics.Metrics;

namespace CompanionBot.Telemetry;

/// <summary>
/// The bot's one <see cref="Meter"/>, "CompanionBot": what operators need to see a turn's fate, the store's outages,
/// the queues and Discord's limits. Labels are closed vocabularies only (an outcome, a fault kind, a route template
/// such as "POST channels/{channel}/messages"): never a member's words, name or id, never a channel or server id.
/// </summary>
public sealed class CompanionMetrics : IDisposable
{
    public const string MeterName = "CompanionBot";

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _replyLatency;
    private readonly Counter<long> _storageRetries;
    private readonly Counter<long> _storageErrors;
    private readonly Counter<long> _restRequests;
    private readonly Counter<long> _restRateLimited;
    private readonly Histogram<double> _encoderTime;
    private int _turnsInFlight;
    private int _turnsWaitingForStore;

    public CompanionMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        _turns = _meter.CreateCounter<long>("companion.turns", "{message}", "Messages by what became of them (outcome)");
        _replyLatency = _meter.CreateHistogram<double>("companion.reply.latency", "s", "From a message's arrival to the words that answer it");
        _storageRetries = _meter.CreateCounter<long>("companion.storage.retries", "{attempt}", "Turns tried again while the store was unreachable");
        _storageErrors = _meter.CreateCounter<long>("companion.storage.errors", "{error}", "Storage failures seen by turns (fault: unreachable, full, other)");
        _restRequests = _meter.CreateCounter<long>("companion.discord.rest.requests", "{request}", "REST requests sent to Discord (route: the route template)");
        _restRateLimited = _meter.CreateCounter<long>("companion.discord.rest.rate_limited", "{response}", "429 answers from Discord (route: the route template)");
        _encoderTime = _meter.CreateHistogram<double>("companion.encoder.duration", "s", "Time the sentence encoder spent per model call");
        _meter.CreateObservableGauge("companion.queue.depth", ObserveQueues, "{turn}", "Turns in the pipeline (stage: in_flight, store_wait)");
    }

    /// <summary>Metrics for code that runs outside the host (simulations, hand-built pipelines): counted, read by no one
    /// unless a listener asks.</summary>
    public static CompanionMetrics Unobserved { get; } = new(new StandaloneMeterFactory());

    public Meter Meter => _meter;

    /// <summary>Turns waiting for the store right now.</summary>
    public int WaitingForStore => Volatile.Read(ref _turnsWaitingForStore);

    public void Turn(string outcome) => _turns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReplyLatency(TimeSpan latency) => _replyLatency.Record(Math.Max(0, latency.TotalSeconds));

    public void StorageRetry() => _storageRetries.Add(1);

    public void StorageError(string fault) => _storageErrors.Add(1, new KeyValuePair<string, object?>("fault", fault));

    public void RestRequest(string route) => _restRequests.Add(1, new KeyValuePair<string, object?>("route", route));

    public void RestRateLimited(string route) => _restRateLimited.Add(1, new KeyValuePair<string, object?>("route", route));

    public void EncoderCall(TimeSpan took) => _encoderTime.Record(took.TotalSeconds);

    /// <summary>Counts a turn in the pipeline until the handle is disposed.</summary>
    public IDisposable InFlight() => new Depth(this, waiting: false);

    /// <summary>Counts a turn waiting for the store until the handle is disposed.</summary>
    public IDisposable WaitingStore() => new Depth(this, waiting: true);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveQueues()
    {
        yield return new Measurement<int>(Volatile.Read(ref _turnsInFlight), new KeyValuePair<string, object?>("stage", "in_flight"));
        yield return new Measurement<int>(Volatile.Read(ref _turnsWaitingForStore), new KeyValuePair<string, object?>("stage", "store_wait"));
    }

    private sealed class Depth : IDisposable
    {
        private readonly CompanionMetrics _owner;
        private readonly bool _waiting;
        private int _done;

        public Depth(CompanionMetrics owner, bool waiting)
        {
            _owner = owner;
            _waiting = waiting;
            Interlocked.Increment(ref waiting ? ref owner._turnsWaitingForStore : ref owner._turnsInFlight);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref _waiting ? ref _owner._turnsWaitingForStore : ref _owner._turnsInFlight);
        }
    }
}

/// <summary>A meter factory for metrics nobody reads (simulations, pipelines built by hand); the host uses its own.</summary>
internal sealed class StandaloneMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
