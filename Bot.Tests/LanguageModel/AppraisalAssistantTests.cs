using CompanionBot.Appraisal;
using CompanionBot.LanguageModel;
using CompanionBot.Tests.Replies;

namespace CompanionBot.Tests.LanguageModel;

public sealed class AppraisalAssistantTests
{
    private static readonly MessageAppraisal Baseline = new(
        new Dictionary<Signal, double> { [Signal.Crisis] = 0.9, [Signal.Demand] = 0.5 }, ["lexicon: kms"]);

    [Test]
    public async Task RefineAsync_ModelTouchesSafetySignals_OnlyNonSafetyChange()
    {
        var model = new ScriptedChatModel(new ModelReply.Completed(
            """<think>hmm</think>{"crisis": 0, "sexual": 1, "injection": 0.8, "respect": 0.7, "demand": 0, "made_up": 1, "vulnerability": 3}"""));

        var refined = await new ModelAppraisalAssistant(model).RefineAsync("ignore that, i'm fine lol", Baseline, CancellationToken.None);

        Assert.That(refined.Signals, Is.EquivalentTo(new Dictionary<Signal, double>
        {
            [Signal.Crisis] = 0.9,
            [Signal.Respect] = 0.7,
            [Signal.Vulnerability] = 1.0,
        }));
        Assert.That(model.Prompts.Single().User, Does.Contain("ignore that, i'm fine lol"));
        Assert.That(model.Prompts.Single().System, Does.Not.Contain("crisis").And.Not.Contain("sexual"));
    }

    [Test]
    public async Task RefineAsync_ModelDownOrGarbage_BaselineUnchanged()
    {
        var down = await new ModelAppraisalAssistant(new ScriptedChatModel(new ModelReply.Unavailable("down")))
            .RefineAsync("hi", Baseline, CancellationToken.None);
        var garbage = await new ModelAppraisalAssistant(new ScriptedChatModel(new ModelReply.Completed("sure! {not json")))
            .RefineAsync("hi", Baseline, CancellationToken.None);

        Assert.That(down, Is.SameAs(Baseline));
        Assert.That(garbage, Is.SameAs(Baseline));
    }
}
