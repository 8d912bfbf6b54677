namespace CompanionBot.Tests.Support;

/// <summary>
/// A console input fake: hands out its lines, then blocks like a terminal nobody types into. <see cref="Waiting"/>
/// completes when the program asks for a line that is not there; the block ends only when the reader is disposed.
/// </summary>
public sealed class WaitingReader(params string[] lines) : TextReader
{
    private readonly Queue<string> _lines = new(lines);
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _release = new(0);

    public Task Waiting => _waiting.Task;

    /// <summary>True once a blocked read returned (end of input): the program ended for another reason than input.</summary>
    public bool EndedInput { get; private set; }

    public override string? ReadLine()
    {
        lock (_lines)
        {
            if (_lines.TryDequeue(out var line)) return line;
        }
        _waiting.TrySetResult();
        _release.Wait();
        EndedInput = true;
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _release.Release(int.MaxValue / 2);
        base.Dispose(disposing);
    }
}
