using CompanionBot.LanguageModel;
using Microsoft.Extensions.Logging;
using static CompanionBot.Tests.LanguageModel.ModelTestKit;

namespace CompanionBot.Tests.LanguageModel;

public sealed class KeyNeverLoggedTests
{
    private sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception) + exception);
        }
    }

    [Test]
    public async Task CompleteAsync_FailuresOfEveryKind_LogsNeverContainTheKeyOrTheMessage()
    {
        var (clock, timers) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock,
            FakeResponse.Error(401), FakeResponse.Error(500), FakeResponse.RetryAfter(429, "Retry-After", "999"));
        var logger = new CapturingLogger();
        var model = new OpenAiChatModel(Options(server.Endpoint, o => o.MaxRetries = 1), timers, new FixedRandom(0), logger);

        await Within(model.CompleteAsync(Prompt("my secret diary entry"), CancellationToken.None));
        var call = model.CompleteAsync(Prompt("my secret diary entry"), CancellationToken.None);
        clock.Advance(await timers.NextAsync(d => d < TimeSpan.FromSeconds(10)));
        await Within(call);

        Assert.That(logger.Lines, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(logger.Lines, Has.None.Contains("k-test-secret"));
        Assert.That(logger.Lines, Has.None.Contains("secret diary"));
    }
}
