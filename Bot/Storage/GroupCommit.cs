namespace CompanionBot.Storage;

/// <summary>
/// Group commit for <see cref="SqliteLedgerStore.Save"/>, with no acknowledged write ever at risk: a caller returns
/// only after the transaction holding its turn committed (synchronous=FULL, so the WAL was synced).
/// <para>
/// Leader and followers, no background thread: the first caller with nothing in flight becomes the leader and
/// commits everything queued so far in one transaction; callers arriving meanwhile queue up and wait. When the leader
/// is done it hands the lead to the oldest waiter, whose batch is everything queued during the last commit. A lone
/// caller (concurrency 1) therefore gets exactly one transaction of its own, as before.
/// </para>
/// <para>
/// Failure is per turn: when a shared transaction fails it is rolled back and its turns are retried one transaction
/// each, so one bad row fails only its own caller. A crash loses only turns whose callers have not returned.
/// </para>
/// </summary>
internal sealed class GroupCommit(SqliteDatabase database, bool enabled)
{
    private readonly Lock _gate = new();
    private List<Turn> _queue = [];
    private bool _leading;

    /// <summary>False when the message id was already handled (nothing of this turn was written).</summary>
    public bool Save(TurnRecord record)
    {
        var turn = new Turn(record);
        if (!enabled)
        {
            Commit([turn]);
            return turn.Result();
        }
        bool lead;
        lock (_gate)
        {
            _queue.Add(turn);
            lead = !_leading;
            _leading = true;
        }
        if (!lead && !turn.WaitForOutcome()) return turn.Result();

        List<Turn> batch;
        lock (_gate)
        {
            batch = _queue;
            _queue = [];
        }
        try
        {
            Commit(batch);
        }
        finally
        {
            lock (_gate)
            {
                if (_queue.Count == 0) _leading = false;
                else _queue[0].TakeTheLead();
            }
        }
        return turn.Result();
    }

    private void Commit(List<Turn> batch)
    {
        try
        {
            database.Write((_, tx) =>
            {
                foreach (var t in batch) t.Applied = SqliteLedgerStore.WriteTurn(database, tx, t.Record, t.Json);
                return 0;
            });
            foreach (var t in batch) t.Complete(null);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var t in batch) Commit([t]);
        }
        catch (Exception ex)
        {
            batch[0].Complete(ex);
        }
    }

    private sealed class Turn(TurnRecord record)
    {
        private readonly ManualResetEventSlim _signal = new();
        private Exception? _error;
        private bool _lead;

        public TurnRecord Record => record;

        /// <summary>False when the turn's message id was already handled and nothing was written.</summary>
        public bool Applied { get; set; }

        /// <summary>Serialized on the caller's thread, before the queue: less work inside the shared transaction, and
        /// a state that cannot be written fails its own caller before it ever joins a batch.</summary>
        public string Json { get; } = StateJson.Write(record.State);

        /// <summary>Blocks until this turn was committed (false) or this caller must lead the next batch (true).</summary>
        public bool WaitForOutcome()
        {
            // Not disposed: a new leader's own turn is signalled once more when its batch completes.
            _signal.Wait();
            return _lead;
        }

        public void TakeTheLead()
        {
            _lead = true;
            _signal.Set();
        }

        public void Complete(Exception? error)
        {
            _error = error;
            _lead = false;
            _signal.Set();
        }

        public bool Result()
        {
            if (_error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            return Applied;
        }
    }
}
