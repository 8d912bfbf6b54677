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

    [Test]
    public async Task RefineAsync_ModelPlaysDownDistress_KeepsCarriedRiskAndCareSignals()
    {
        var baseline = new MessageAppraisal(
            new Dictionary<Signal, double> { [Signal.Vulnerability] = 0.8, [Signal.SelfDeprecation] = 0.6, [Signal.Demand] = 0.5 }, [])
        {
            CrisisRisk = 0.4,
        };
        var model = new ScriptedChatModel(new ModelReply.Completed("""{"vulnerability": 0, "self_deprecation": 0.2, "demand": 0, "respect": 0.6}"""));

        var refined = await new ModelAppraisalAssistant(model).RefineAsync("meh whatever, i'm useless anyway", baseline, CancellationToken.None);

        Assert.That(refined.CrisisRisk, Is.EqualTo(0.4));
        Assert.That(refined.Strength(Signal.Vulnerability), Is.EqualTo(0.8));
        Assert.That(refined.Strength(Signal.SelfDeprecation), Is.EqualTo(0.6));
        Assert.That(refined.Has(Signal.Demand), Is.False);
        Assert.That(refined.Strength(Signal.Respect), Is.EqualTo(0.6));
    }
}
