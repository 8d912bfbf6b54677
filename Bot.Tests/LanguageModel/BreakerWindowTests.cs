using CompanionBot.LanguageModel;
using static CompanionBot.Tests.LanguageModel.ModelTestKit;

namespace CompanionBot.Tests.LanguageModel;

/// <summary>
/// What the Polly.Core breaker and pipeline add to the behaviour ResilienceTests pins: a success among the failures
/// keeps the circuit closed, failures older than the window are forgotten, and a caller's cancellation is thrown
/// rather than turned into a failure.
/// </summary>
public sealed class BreakerWindowTests
{
    [Test]
    public async Task CompleteAsync_SuccessBetweenFailures_CircuitStaysClosed()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock, FakeResponse.Error(500), FakeResponse.Ok("hi"), FakeResponse.Error(500));
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 2; }), clock);

        for (var i = 0; i < 3; i++) await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed));
        server.Otherwise = FakeResponse.Error(500);
        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed), "the success is still inside the window");
    }

    [Test]
    public async Task CompleteAsync_ThresholdFailuresInsideTheWindow_OpensTheCircuit()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(500);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 2; o.BreakerWindowSeconds = 120; }), clock);

        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(100));
        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Open));
    }

    [Test]
    public async Task CompleteAsync_FailuresFartherApartThanTheWindow_AreForgotten()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(500);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 2; o.BreakerWindowSeconds = 120; }), clock);

        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(130));
        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CompleteAsync_CallerCancelsDuringTheRetryDelay_ThrowsAndSendsNoMore()
    {
        var (clock, timers) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(503);
        var model = Model(Options(server.Endpoint, o => o.BreakerFailureThreshold = 2), timers);
        using var cancel = new CancellationTokenSource();

        var call = model.CompleteAsync(Prompt("hey"), cancel.Token);
        await timers.NextAsync(d => d < TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        Assert.That(async () => await Within(call), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed), "one failure, then no verdict");
    }

    [Test]
    public async Task CompleteAsync_CallerCancelsTheHalfOpenTrial_AnotherTrialAfterTheNextCooldown()
    {
        var (clock, timers) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(500);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 2; o.BreakerCooldownSeconds = 30; }), timers);
        for (var i = 0; i < 2; i++) await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(30));

        server.Otherwise = new FakeResponse.Hang();
        using (var cancel = new CancellationTokenSource())
        {
            var trial = model.CompleteAsync(Prompt("hey"), cancel.Token);
            // Each attempt arms its 10 s timeout as it starts: the first two calls' attempts, then the trial's.
            for (var armed = 0; armed < 3; armed++) await timers.NextAsync(d => d == TimeSpan.FromSeconds(10));
            await cancel.CancelAsync();
            Assert.That(async () => await Within(trial), Throws.InstanceOf<OperationCanceledException>());
        }

        server.Otherwise = FakeResponse.Ok("back");
        clock.Advance(TimeSpan.FromSeconds(30));
        var next = await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        Assert.That(next, Is.EqualTo(new ModelReply.Completed("back")), "a cancelled trial must not leave the circuit stuck");
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed));
    }
}
