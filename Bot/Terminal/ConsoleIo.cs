namespace CompanionBot.Terminal;

/// <summary>The program's three streams, so every mode can be driven in-process by tests.</summary>
public sealed record ConsoleIo(TextReader In, TextWriter Out, TextWriter Error)
{
    public static ConsoleIo System => new(Console.In, Console.Out, Console.Error);

    /// <summary>
    /// Reads one line, or throws <see cref="OperationCanceledException"/> as soon as <paramref name="cancellationToken"/>
    /// fires (Ctrl-C). A read from a terminal cannot itself be interrupted, so it runs on its own thread and, when
    /// cancelled, is left behind: the program is ending and its line is never used.
    /// </summary>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = Task.Run(In.ReadLine, CancellationToken.None);
        return read.WaitAsync(cancellationToken);
    }
}
