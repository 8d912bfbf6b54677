using Microsoft.Extensions.Logging;

namespace CompanionBot.Tests.Support;

/// <summary>Keeps every log line with its event id and level, so a test can read what an operator would see.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(EventId Id, LogLevel Level, string Text)> _lines = [];

    public IReadOnlyList<(EventId Id, LogLevel Level, string Text)> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _lines.Add((eventId, logLevel, formatter(state, exception)));
    }
}
