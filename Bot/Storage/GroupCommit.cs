using CompanionBot.Concurrency;

namespace CompanionBot.Storage;

/// <summary>
/// Group commit for <see cref="SqliteLedgerStore.Save"/>, with no acknowledged write ever at risk: a caller returns
/// only after the transaction holding its turn committed (synchronous=FULL, so the WAL was synced).
/// <para>
/// A <see cref="LeaderFollowerBatcher{TRequest, TResult}"/> (as the batching encoder): the first caller with nothing in
/// flight leads and commits everything queued so far in one transaction; callers arriving meanwhile queue up and
/// await. When the leader is done the oldest waiter leads, and its batch is everything queued during the last commit.
/// A lone caller (concurrency 1) therefore gets exactly one transaction of its own, as before.
/// </para>
/// <para>
/// Failure is per turn: when a shared transaction fails it is rolled back and its turns are retried one transaction
/// each, so one bad row fails only its own caller. A crash loses only turns whose callers have not returned.
/// </para>
/// </summary>
internal sealed class GroupCommit
{
    private readonly SqliteDatabase _database;
    private readonly bool _enabled;
    private readonly LeaderFollowerBatcher<Turn, bool> _batcher;

    public GroupCommit(SqliteDatabase database, bool enabled)
    {
        _database = database;
        _enabled = enabled;
        _batcher = new(Commit);
    }

    /// <summary>Turns queued behind the commit in flight, and whether one is in flight (for tests).</summary>
    internal (int Queued, bool Committing) Pending => (_batcher.Waiting, _batcher.Running);

    /// <summary>For synchronous callers (tests on threads, the sync store API); the pipeline uses <see cref="SaveAsync"/>.</summary>
    public bool Save(TurnRecord record) => SaveAsync(record, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Returns once the transaction holding this turn committed: false when the message id was already handled
    /// (nothing of this turn was written). A follower awaits its outcome (no thread blocked); the leader commits on
    /// its own thread. Not cancellable once queued: a turn is either committed or failed.
    /// </summary>
    public async Task<bool> SaveAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        // Serialized on the caller's thread, before the queue: less work inside the shared transaction, and a state
        // that cannot be written fails its own caller before it ever joins a batch.
        var turn = new Turn(record, StateJson.Write(record.State));
        if (!_enabled) return Unwrap(Commit([turn])[0]);
        return await _batcher.RunAsync(turn).ConfigureAwait(false);
    }

    private static bool Unwrap(Completion<bool> outcome)
    {
        if (outcome.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return outcome.Value;
    }

    private IReadOnlyList<Completion<bool>> Commit(IReadOnlyList<Turn> batch)
    {
        try
        {
            var applied = _database.Write((_, tx) => batch.Select(t => SqliteLedgerStore.WriteTurn(_database, tx, t.Record, t.Json)).ToArray());
            return [.. applied.Select(Completion<bool>.Of)];
        }
        catch (Exception) when (batch.Count > 1)
        {
            return [.. batch.Select(t => Commit([t])[0])];
        }
        catch (Exception ex)
        {
            // A database failure is an expected edge failure (disk full, locked): a StorageException the pipeline
            // turns into a value; anything else is a bug and stays what it is.
            return [Completion<bool>.Failed(ex is Microsoft.Data.Sqlite.SqliteException sqlite
                ? new StorageException("the turn could not be saved: " + sqlite.Message, sqlite)
                : ex)];
        }
    }

    private sealed record Turn(TurnRecord Record, string Json);
}
