using System.Diagnostics;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Bench;

/// <summary>
/// The real store, with the time spent in <see cref="Save"/> (the durable commit) added to the message being handled,
/// so the bench can report the pipeline's own cost apart from the fsync it waits for. A worker calls
/// <see cref="BeginMessage"/> before handing a message to the pipeline; the returned box flows (async-local) into
/// the pipeline's awaits, so each worker's commits land in its own box.
/// </summary>
public sealed class TimedLedgerStore(ILedgerStore inner) : ILedgerStore
{
    private readonly AsyncLocal<CommitTime?> _current = new();

    public CommitTime BeginMessage()
    {
        var box = new CommitTime();
        _current.Value = box;
        return box;
    }

    public RelationshipState? Find(RelationshipKey key) => inner.Find(key);

    public bool WasProcessed(string messageId) => inner.WasProcessed(messageId);

    public void Save(RelationshipState state, string? messageId) => Save(new TurnRecord(state, messageId));

    public bool Save(TurnRecord record)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return inner.Save(record);
        }
        finally
        {
            if (_current.Value is { } box) box.Ticks += Stopwatch.GetTimestamp() - start;
        }
    }

    public int Delete(RelationshipKey key) => inner.Delete(key);

    public int DeleteMember(string memberId) => inner.DeleteMember(memberId);

    public long Count() => inner.Count();
}

/// <summary>Stopwatch ticks one message spent in durable commits.</summary>
public sealed class CommitTime
{
    public long Ticks { get; set; }
}
