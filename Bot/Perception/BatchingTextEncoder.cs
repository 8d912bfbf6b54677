using System.Runtime.ExceptionServices;
using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Perception;

/// <summary>
/// Encodes the texts of concurrent callers together: the model costs far less per text in one call than in one call
/// per text, and concurrent pipelines otherwise fight over the same two cores.
/// <para>
/// Leader and followers, no timer and no background thread (as <c>Storage/GroupCommit</c>): a caller with nothing in
/// flight encodes its own texts at once; callers arriving meanwhile queue up, and when the call in flight returns the
/// oldest of them leads the next call with everything queued (up to <see cref="MaxTexts"/> texts). A lone message
/// therefore never waits for a window, and under load the batch is whatever arrived during the last call.
/// </para>
/// <para>
/// Each call groups texts of similar length (the tokenizer pads a batch to its longest text), shortest first, in the
/// same way <see cref="SemanticReader"/> groups a message's parts. A failure of the model fails every caller of that
/// call with it.
/// </para>
/// </summary>
public sealed class BatchingTextEncoder(ITextEncoder inner, int maxTexts = BatchingTextEncoder.DefaultMaxTexts) : ITextEncoder
{
    public const int DefaultMaxTexts = 32;

    private readonly Lock _gate = new();
    private readonly List<Request> _queue = [];
    private bool _leading;
    private long _calls;

    public int Dimensions => inner.Dimensions;

    /// <summary>The most texts one call to the model carries (a single caller's texts are never split over callers).</summary>
    public int MaxTexts { get; } = Math.Max(1, maxTexts);

    /// <summary>Callers queued for the next call to the model (not counting the call in flight).</summary>
    public int Waiting
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Calls made to the model so far (fewer than the calls to <see cref="Encode"/> when callers shared them).</summary>
    public long ModelCalls => Interlocked.Read(ref _calls);

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var request = new Request(texts);
        bool lead;
        lock (_gate)
        {
            _queue.Add(request);
            lead = !_leading;
            _leading = true;
        }
        if (!lead && !request.AwaitOutcome()) return request.Result();

        List<Request> batch;
        lock (_gate) batch = TakeBatch();
        try
        {
            Run(batch);
        }
        finally
        {
            lock (_gate)
            {
                if (_queue.Count == 0) _leading = false;
                else _queue[0].TakeTheLead();
            }
        }
        return request.Result();
    }

    /// <summary>From the front of the queue (the leader is always first), as many requests as fit in <see cref="MaxTexts"/>.</summary>
    private List<Request> TakeBatch()
    {
        var count = 0;
        var texts = 0;
        while (count < _queue.Count && (count == 0 || texts + _queue[count].Texts.Count <= MaxTexts))
        {
            texts += _queue[count].Texts.Count;
            count++;
        }
        var batch = _queue.GetRange(0, count);
        _queue.RemoveRange(0, count);
        return batch;
    }

    private void Run(List<Request> batch)
    {
        try
        {
            var all = batch.SelectMany(r => r.Texts.Select((_, i) => (Request: r, Index: i))).ToArray();
            var order = Enumerable.Range(0, all.Length).OrderBy(k => Text(all[k]).Length).ToArray();
            for (var start = 0; start < order.Length;)
            {
                var shortest = Text(all[order[start]]).Length;
                var end = start + 1;
                while (end < order.Length && end - start < MaxTexts && Text(all[order[end]]).Length <= 2 * shortest + 40) end++;
                var group = order[start..end];
                Interlocked.Increment(ref _calls);
                var vectors = inner.Encode(group.Select(k => Text(all[k])).ToArray());
                for (var g = 0; g < group.Length; g++) all[group[g]].Request.Vectors[all[group[g]].Index] = vectors[g];
                start = end;
            }
            foreach (var r in batch) r.Complete(null);
        }
        catch (Exception ex)
        {
            foreach (var r in batch) r.Complete(ex);
        }
    }

    private static string Text((Request Request, int Index) at) => at.Request.Texts[at.Index];

    private sealed class Request(IReadOnlyList<string> texts)
    {
        private readonly ManualResetEventSlim _signal = new(false);
        private bool _lead;
        private Exception? _error;

        public IReadOnlyList<string> Texts => texts;

        public float[][] Vectors { get; } = new float[texts.Count][];

        /// <summary>Blocks until this request was encoded (false) or its caller must lead the next call (true).</summary>
        public bool AwaitOutcome()
        {
            _signal.Wait();
            _signal.Reset();
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

        /// <summary>The event is not disposed: the leader may still be inside Set when this caller wakes, and an event
        /// whose wait handle was never asked for holds nothing to release.</summary>
        public float[][] Result()
        {
            if (_error is EncoderUnavailableException unavailable) throw new EncoderUnavailableException(unavailable.Message, unavailable.InnerException);
            if (_error is not null) ExceptionDispatchInfo.Throw(_error);
            return Vectors;
        }
    }
}
