using CompanionBot.Appraisal;
using CompanionBot.LanguageModel;
using CompanionBot.Pipeline;
using CompanionBot.Tests.Safety;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Pipeline;

public sealed class AppraisalAssistantWiringTests
{
    /// <summary>Says every message shows respect, and records what it was asked.</summary>
    private sealed class RespectfulAssistant : IAppraisalAssistant
    {
        public List<string> Asked { get; } = [];

        public Task<MessageAppraisal> RefineAsync(string text, MessageAppraisal baseline, CancellationToken cancellationToken)
        {
            Asked.Add(text);
            var signals = baseline.Signals.ToDictionary(p => p.Key, p => p.Value);
            signals[Signal.Respect] = 0.7;
            return Task.FromResult(baseline with { Signals = signals });
        }
    }

    [Test]
    public async Task Handle_AssistantConfigured_ItsRefinementReachesTheDecision()
    {
        using var dir = new TempDirectory();
        var assistant = new RespectfulAssistant();
        using var h = new PipelineHarness(dir.File("db"), assistant: assistant);
        var turn = await h.SayAsync(RelationshipKey.Dm("9"), "hmm ok");
        Assert.That(assistant.Asked, Is.EqualTo(new[] { "hmm ok" }));
        Assert.That(turn!.Appraisal.Has(Signal.Respect), Is.True);
    }

    [Test]
    public async Task Handle_CrisisMessage_NeverWaitsOnTheAssistant()
    {
        using var dir = new TempDirectory();
        var assistant = new RespectfulAssistant();
        using var h = new PipelineHarness(dir.File("db"), assistant: assistant);
        var turn = await h.SayAsync(RelationshipKey.Dm("9"), "i want to kill myself");
        Assert.That(assistant.Asked, Is.Empty);
        Assert.That(turn!.Decision.Rule, Is.EqualTo("safety.crisis"));
    }
}
