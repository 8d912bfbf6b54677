using System.Text.RegularExpressions;
using CompanionBot.Tests.Architecture;

namespace CompanionBot.Tests.Stances;

/// <summary>
/// Every stance rule tested on records, at the rules' own seam: each fires on the facts it names, and does not fire
/// when one of them is missing. No text and no lexicon are involved, so tuning the appraiser cannot break these.
/// </summary>
public sealed partial class StanceRuleTests
{
    private static readonly RuleFixture[] Fixtures =
        [.. SafetyRuleFixtures.All, .. PressureRuleFixtures.All, .. PaceRuleFixtures.All, .. CareRuleFixtures.All, .. TalkRuleFixtures.All, .. HonestRuleFixtures.All];

    private static RuleFixture Fixture(string rule) => Fixtures.Single(f => f.Rule == rule);

    private static IEnumerable<TestCaseData> Rules => Fixtures.Select(f => new TestCaseData(f.Rule));

    private static IEnumerable<TestCaseData> MissingFacts =>
        Fixtures.SelectMany(f => f.Without.Select(m => new TestCaseData(f.Rule, m.Fact)));

    [TestCaseSource(nameof(Rules))]
    public void Decide_ItsFactsHold_TheRuleFires(string rule)
    {
        var fixture = Fixture(rule);
        var decision = fixture.Fires.Decide();
        Assert.That(decision.Rule, Is.EqualTo(rule), string.Join(" | ", decision.Trace));
        Assert.That(decision.Stance, Is.EqualTo(fixture.Stance));
    }

    [TestCaseSource(nameof(MissingFacts))]
    public void Decide_OneFactMissing_TheRuleDoesNotFire(string rule, string missing)
    {
        var decision = Fixture(rule).Without.Single(m => m.Fact == missing).Facts.Decide();
        Assert.That(decision.Rule, Is.Not.EqualTo(rule), $"without '{missing}'");
    }

    /// <summary>
    /// Replaces the old text-driven version, which only checked that the rule and trace were not empty (true by
    /// construction). Now: the rule is one the engine's source names, and the first line of the trace is that
    /// rule's reason, naming the facts it fired on.
    /// </summary>
    [TestCaseSource(nameof(Rules))]
    public void Decide_EveryDecision_NamesItsRuleAndAReason(string rule)
    {
        var fixture = Fixture(rule);
        var decision = fixture.Fires.Decide();
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo(rule));
            if (!rule.StartsWith("persona.", StringComparison.Ordinal)) Assert.That(RuleNamesInEngine(), Does.Contain(decision.Rule));
            Assert.That(decision.Trace, Is.Not.Empty);
            Assert.That(decision.Trace[0], Does.Contain(fixture.ReasonMentions), "the reason comes first and names the facts");
        });
    }

    [Test]
    public void RuleNames_EveryRuleInTheEngine_HasAFixture()
    {
        var covered = Fixtures.Select(f => f.Rule).ToHashSet();
        Assert.That(RuleNamesInEngine().Where(name => !covered.Contains(name)), Is.Empty, "rules with no fixture");
    }

    [Test]
    public void RuleNames_ReadFromTheEngineSource_IncludeEveryLayer() =>
        Assert.That(RuleNamesInEngine(), Does.Contain("safety.crisis").And.Contain("too-fast-first").And.Contain("ordinary-stranger"));

    /// <summary>
    /// The rule names the engine can give, read from the rule sources: a rule's name is the one string literal in
    /// lower-case words joined by '-' (or 'safety.'), reasons always contain spaces.
    /// </summary>
    public static IReadOnlySet<string> RuleNamesInEngine()
    {
        var stances = SourceTree.File(Path.Combine("Engine", "Stances"));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(stances, "*.cs", SearchOption.TopDirectoryOnly))
        {
            if (Path.GetFileName(file) is "Overlays.cs" or "StanceEngine.cs") continue;
            foreach (Match m in RuleName().Matches(File.ReadAllText(file))) names.Add(m.Groups[1].Value);
        }
        return names;
    }

    [GeneratedRegex("\"((?:safety\\.)?[a-z]+(?:-[a-z]+)*)\"\\s*[,:]")]
    private static partial Regex RuleName();
}
