using Microsoft.Extensions.Options;

namespace CompanionBot.Pipeline;

/// <summary>
/// Gathers a member's messages that arrive close together into one turn (per relationship, so a server and a DM never
/// mix). Each message's caller waits for the quiet gap on the injected clock; a newer message takes the wait over and
/// the older caller learns its message was gathered. The caller still waiting when the gap passes answers the burst.
/// An urgent message (crisis), a full burst or <see cref="Flush"/> ends the wait at once.
/// </summary>
public sealed class Bursts(IOptions<ConversationOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RelationshipKey, Pending> _pending = [];
    private readonly TimeSpan _quiet = TimeSpan.FromSeconds(options.Value.BurstQuietSeconds);
    private readonly int _max = options.Value.BurstMaxMessages;
    private bool _closed;

    /// <summary>Every message its own turn: simulations (replay, eval, bench) whose messages arrive on a scripted clock.</summary>
    public static Bursts Off() => new(Options.Create(new ConversationOptions { BurstQuietSeconds = 0 }), TimeProvider.System);

    /// <summary>False when every message is its own turn (BurstQuietSeconds = 0: replay, eval, bench).</summary>
    public bool Enabled => _quiet > TimeSpan.Zero;

    /// <summary>Bursts still waiting for their quiet gap.</summary>
    public int Open
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>
    /// The burst's messages in arrival order when this caller answers it, or null when a later message took the burst
    /// over (this message is then stored and answered with it).
    /// </summary>
    public async Task<IReadOnlyList<InboundMessage>?> GatherAsync(InboundMessage message, bool urgent, CancellationToken cancellationToken)
    {
        TaskCompletionSource<Signal> mine;
        Pending pending;
        lock (_gate)
        {
            if (!_pending.TryGetValue(message.Key, out pending!)) _pending[message.Key] = pending = new Pending();
            pending.Waiter?.TrySetResult(Signal.TakenOver);
            pending.Messages.Add(message);
            if (!Enabled || urgent || _closed || pending.Messages.Count >= _max)
            {
                _pending.Remove(message.Key);
                return pending.Messages;
            }
            pending.Waiter = mine = new TaskCompletionSource<Signal>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var quiet = Task.Delay(_quiet, time, stopDelay.Token);
        await Task.WhenAny(quiet, mine.Task).ConfigureAwait(false);
        await stopDelay.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            // Whoever set the signal first wins; the lock orders this against a newer message taking over.
            mine.TrySetResult(cancellationToken.IsCancellationRequested ? Signal.Cancelled : Signal.Quiet);
            if (mine.Task.Result == Signal.TakenOver) return null;
            _pending.Remove(message.Key);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return pending.Messages;
    }

    /// <summary>Ends this relationship's wait now (end of piped input, or a command that reads what is stored).</summary>
    public void Flush(RelationshipKey key)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(key, out var pending)) pending.Waiter?.TrySetResult(Signal.Flushed);
        }
    }

    /// <summary>A graceful stop: every open burst is answered now, and no new one waits.</summary>
    public void CloseAll()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var pending in _pending.Values) pending.Waiter?.TrySetResult(Signal.Flushed);
        }
    }

    private enum Signal
    {
        Quiet,
        TakenOver,
        Flushed,
        Cancelled,
    }

    private sealed class Pending
    {
        public List<InboundMessage> Messages { get; } = [];
        public TaskCompletionSource<Signal>? Waiter { get; set; }
    }
}
