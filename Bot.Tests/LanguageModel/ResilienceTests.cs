using CompanionBot.LanguageModel;
using CompanionBot.Replies;
using CompanionBot.Stances;
using CompanionBot.Tests.Prompting;
using CompanionBot.Pipeline;
using static CompanionBot.Tests.LanguageModel.ModelTestKit;

namespace CompanionBot.Tests.LanguageModel;

public sealed class ResilienceTests
{
    [Test]
    public async Task WriteAsync_HungEndpoint_OfflineVoiceWithinTheDeadline()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = new FakeResponse.Hang();
        var options = Options(server.Endpoint, o => { o.AttemptTimeoutSeconds = 10; o.DeadlineSeconds = 25; });
        var writer = new ReplyWriter(Model(options, clock), new OfflineVoice());
        var decision = PromptFixtures.Decision(Stance.Tease);
        var state = PromptFixtures.State(TimeSpan.FromMinutes(20));
        var started = clock.GetUtcNow();

        var write = writer.WriteAsync(Prompt("hey"), decision, Persona, state, CancellationToken.None);
        // Move the clock in 1 s steps up to the 25 s deadline, whatever the code under test is doing, then stop it
        // there: the call must end by the deadline on its own.
        for (var step = 0; step < 25 && !write.IsCompleted; step++)
        {
            await Task.Delay(20);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var reply = await Within(write);

        Assert.That(reply.Source, Is.EqualTo(ReplySource.Offline));
        Assert.That(reply.Body, Is.Not.Empty.And.Not.EqualTo("..."), "the offline voice wrote a reply");
        Assert.That(clock.GetUtcNow() - started, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(25)));
        Assert.That(server.Requests, Has.Count.GreaterThanOrEqualTo(2), "a timed-out attempt is retried while time is left");
    }

    [Test]
    public async Task CompleteAsync_RepeatedFailures_CircuitOpensThenHalfOpensAfterCooldown()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(503);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 3; o.BreakerCooldownSeconds = 30; }), clock);

        for (var i = 0; i < 3; i++) await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Open));

        var fast = await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(fast, Is.EqualTo(new ModelReply.Unavailable("the circuit is open after repeated failures")));
        Assert.That(server.Requests, Has.Count.EqualTo(3), "an open circuit sends nothing");

        clock.Advance(TimeSpan.FromSeconds(29));
        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(server.Requests, Has.Count.EqualTo(3), "still open before the cool-down ends");

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.HalfOpen));
        server.Otherwise = FakeResponse.Ok("back");
        var trial = await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        Assert.That(trial, Is.EqualTo(new ModelReply.Completed("back")));
        Assert.That(server.Requests, Has.Count.EqualTo(4));
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Closed));
    }

    [Test]
    public async Task CompleteAsync_HalfOpenTrialFails_CircuitOpensForAnotherCooldown()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(500);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 0; o.BreakerFailureThreshold = 2; o.BreakerCooldownSeconds = 30; }), clock);
        for (var i = 0; i < 2; i++) await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(30));
        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(server.Requests, Has.Count.EqualTo(3), "one trial went out");
        Assert.That(model.Breaker.State, Is.EqualTo(CircuitState.Open));

        await Within(model.CompleteAsync(Prompt("hey"), CancellationToken.None));
        Assert.That(server.Requests, Has.Count.EqualTo(3), "open again: nothing sent");
    }

    [Test]
    public async Task CompleteAsync_BreakerOpensDuringRetries_StopsRetrying()
    {
        var (clock, timers) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock);
        server.Otherwise = FakeResponse.Error(500);
        var model = Model(Options(server.Endpoint, o => { o.MaxRetries = 5; o.BreakerFailureThreshold = 2; }), timers);

        var call = model.CompleteAsync(Prompt("hey"), CancellationToken.None);
        clock.Advance(await timers.NextAsync(d => d < TimeSpan.FromSeconds(10)));
        var reply = await Within(call);

        Assert.That(reply, Is.EqualTo(new ModelReply.Unavailable("the circuit is open after repeated failures")));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }
}
