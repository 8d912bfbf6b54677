using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompanionBot.Pipeline;

/// <summary>
/// The messages a transport has taken in and not yet answered, so a graceful stop can wait for them and leave what it
/// could not answer for the next start. A transport calls <see cref="Arrived"/> before handing a message to the
/// pipeline and <see cref="Settled"/> once the outcome's words are sent (or it has none); a gathered message settles
/// with the turn that answers its burst. At stop, <see cref="BeginStopping"/> makes the pipeline postpone new
/// messages, <see cref="WhenSettledAsync"/> waits for the rest, and <see cref="Save"/> writes what is still open to
/// <see cref="Path"/>; the next start takes it back (<see cref="TakeSaved"/>) and answers it. The claim on each message
/// id stays the guard against answering twice: a saved message already handled comes back a duplicate and stays quiet.
/// The file holds the members' words only between a stop and the next start.
/// </summary>
public sealed partial class UnansweredMessages(string path, ILogger<UnansweredMessages>? logger = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InboundMessage> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _bursts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _postponed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private TaskCompletionSource? _settled;
    private volatile bool _stopping;

    public string Path { get; } = path;

    /// <summary>True once the process is stopping: new messages are postponed, not answered.</summary>
    public bool Stopping => _stopping;

    /// <summary>Messages taken in and not yet settled (postponed ones included).</summary>
    public int Open
    {
        get { lock (_gate) return _open.Count; }
    }

    public void Arrived(InboundMessage message)
    {
        lock (_gate) _open[message.MessageId] = message;
    }

    /// <summary>The turn answering <paramref name="closingId"/> also answers these earlier messages of its burst.</summary>
    public void Joined(string closingId, IReadOnlyList<string> earlierIds)
    {
        if (earlierIds.Count == 0) return;
        lock (_gate)
        {
            if (_open.ContainsKey(closingId)) _bursts[closingId] = earlierIds;
        }
    }

    /// <summary>A message arrived while stopping: it stays open and goes to the file.</summary>
    public void Postpone(InboundMessage message)
    {
        lock (_gate)
        {
            _open[message.MessageId] = message;
            _postponed.Add(message.MessageId);
            SignalIfSettled();
        }
    }

    /// <summary>The transport is done with this outcome (its words sent, or none to send). A gathered message waits for its burst.</summary>
    public void Settled(TurnOutcome outcome)
    {
        if (outcome is TurnOutcome.Gathered or TurnOutcome.Postponed) return;
        Forget(outcome.Message.MessageId);
    }

    /// <summary>Forgets a message and its burst (terminal chat abandons what Ctrl-C interrupted).</summary>
    public void Forget(string messageId)
    {
        lock (_gate)
        {
            _open.Remove(messageId);
            _postponed.Remove(messageId);
            if (_bursts.Remove(messageId, out var earlier))
            {
                foreach (var id in earlier)
                {
                    _open.Remove(id);
                    _postponed.Remove(id);
                }
            }
            SignalIfSettled();
        }
    }

    public void BeginStopping() => _stopping = true;

    /// <summary>Completes when every open message is settled or postponed (or when <paramref name="cancellationToken"/> fires).</summary>
    public async Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_gate)
        {
            if (Working() == 0) return;
            _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _settled.Task;
        }
        await wait.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Writes every open message to the file, beside what an earlier stop left there for another transport (what this
    /// process wrote before is replaced). Returns how many of this process's messages it holds.
    /// </summary>
    public int Save()
    {
        lock (_gate)
        {
            var open = _open.Values.ToList();
            try
            {
                var others = Read().Where(m => !_written.Contains(m.MessageId) && !_open.ContainsKey(m.MessageId)).ToList();
                if (open.Count == 0 && _written.Count == 0) return 0;
                var all = others.Concat(open).OrderBy(m => m.ReceivedAt).ToList();
                if (all.Count == 0) File.Delete(Path);
                else Write(all);
                _written.Clear();
                _written.UnionWith(open.Select(m => m.MessageId));
                if (open.Count > 0) LogSaved(_logger, open.Count);
                return open.Count;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                LogNotSaved(_logger, open.Count, ex.Message);
                return 0;
            }
        }
    }

    /// <summary>
    /// The saved messages <paramref name="mine"/> claims, oldest first, taken out of the file (the rest stay for their
    /// own transport). Empty when there is no file or it cannot be read.
    /// </summary>
    public IReadOnlyList<InboundMessage> TakeSaved(Func<InboundMessage, bool> mine)
    {
        lock (_gate)
        {
            try
            {
                var saved = Read();
                var taken = saved.Where(mine).ToList();
                var rest = saved.Except(taken).ToList();
                if (taken.Count == 0) return [];
                if (rest.Count == 0) File.Delete(Path);
                else Write(rest);
                LogTaken(_logger, taken.Count);
                return taken;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                LogNotSaved(_logger, 0, ex.Message);
                return [];
            }
        }
    }

    private List<InboundMessage> Read() =>
        File.Exists(Path) ? JsonSerializer.Deserialize<List<InboundMessage>>(File.ReadAllText(Path), Json) ?? [] : [];

    private void Write(List<InboundMessage> messages)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(messages, Json));
        File.Move(temporary, Path, overwrite: true);
    }

    private int Working() => _open.Count - _postponed.Count;

    private void SignalIfSettled()
    {
        if (_settled is not null && Working() == 0) _settled.TrySetResult();
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "Stopping with {Count} messages not answered: kept for the next start")]
    private static partial void LogSaved(ILogger logger, int count);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Answering {Count} messages kept by the last stop")]
    private static partial void LogTaken(ILogger logger, int count);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Error, Message = "The unanswered-messages file could not be used ({Count} messages): {Problem}")]
    private static partial void LogNotSaved(ILogger logger, int count, string problem);
}
