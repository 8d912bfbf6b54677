using CompanionBot.Perception;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// The appraiser that ships (English lexicon, MiniLM encoder, the committed signal-heads.json, the structural rules)
/// on training/*.test.jsonl, the split nothing is trained or tuned on: a signal that reads worse than its floor fails
/// the build. Floors are the figures measured on 2026-12-05 (issue 20, feature/data) with
///
///     dotnet run --project Bot -c Release -- train --score test
///
/// less 0.05 (0.10 for signals with fewer than 20 positives), and, for crisis, recall floors 0.03 under the measured
/// figures and false-alarm ceilings 0.03 over. Raising a floor after an improvement is welcome; lowering one needs the
/// reason in training/THRESHOLDS.md. About 15-30 s (the encoder reads ~900 lines).
/// </summary>
public sealed class PerceptionFloorTests
{
    private static readonly Dictionary<string, (double Precision, double Recall)> Floors = new()
    {
        ["intimacy_bid"] = (0.41, 0.11), // measured 0.46 / 0.16 on 37
        ["demand"] = (0.68, 0.56), // measured 0.73 / 0.61 on 67
        ["entitlement"] = (0.62, 0.15), // measured 0.67 / 0.20 on 20
        ["comparison"] = (0.40, 0.00), // measured 0.50 / 0.08 on 12
        ["guilt_trip"] = (0.78, 0.18), // measured 0.83 / 0.23 on 22
        ["respect"] = (0.79, 0.37), // measured 0.89 / 0.47 on 17
        ["reciprocity"] = (0.28, 0.90), // measured 0.38 / 1.00 on 18
        ["apology"] = (0.64, 0.90), // measured 0.69 / 0.95 on 21
        ["insult"] = (0.40, 0.30), // measured 0.50 / 0.40 on 5
        ["self_deprecation"] = (0.95, 0.22), // measured 1.00 / 0.27 on 26
        ["vulnerability"] = (0.75, 0.84), // measured 0.80 / 0.89 on 341
        ["crisis"] = (0.79, 0.80), // measured 0.84 / 0.85 on 190
        ["minor"] = (0.89, 0.72), // measured 0.94 / 0.77 on 22
        ["injection"] = (0.77, 0.83), // measured 0.87 / 0.93 on 14
        ["sexual"] = (0.50, 0.15), // measured 0.60 / 0.25 on 12
        ["script_demand"] = (0.36, 0.57), // measured 0.46 / 0.67 on 9
        ["commitment_demand"] = (0.65, 0.23), // measured 0.75 / 0.33 on 9
        ["affection_demand"] = (0.90, 0.16), // measured 1.00 / 0.26 on 19
        ["help_request"] = (0.93, 0.77), // measured 0.98 / 0.82 on 148
        ["claimed_history"] = (0.50, 0.11), // measured 0.60 / 0.21 on 14
        ["dependency"] = (0.65, 0.50), // measured 0.75 / 0.60 on 15
        ["asks_if_human"] = (0.82, 0.75), // measured 0.92 / 0.85 on 13
        ["farewell"] = (0.40, 0.73), // measured 0.50 / 0.83 on 18
        ["adult_age"] = (0.69, 0.48), // measured 0.79 / 0.58 on 19
        ["banter"] = (0.00, 0.00), // measured - / 0.00 on 73: the head is care-only (p-low < 0.8), so it never raises the signal
    };

    private static readonly Lazy<SplitScore> Test = new(() => SplitScoring.Score(Semantic.Appraiser, SharedFiles.Repo("training"), HeadTraining.TestSuffix));

    private static IEnumerable<string> Labels() => Floors.Keys;

    [TestCaseSource(nameof(Labels))]
    public void Score_TestSplit_SignalAtOrAboveItsFloor(string label)
    {
        var figures = Test.Value.Signals.Single(s => s.Label == label);
        var (precision, recall) = Floors[label];

        Assert.Multiple(() =>
        {
            Assert.That(figures.Precision, Is.GreaterThanOrEqualTo(precision), $"{label} precision ({figures.TruePositives} right, {figures.FalsePositives} wrong)");
            Assert.That(figures.Recall, Is.GreaterThanOrEqualTo(recall), $"{label} recall ({figures.TruePositives} of {figures.Positives})");
        });
    }

    [Test]
    public void Score_TestSplit_EveryLabelHasAFloor()
    {
        Assert.That(Test.Value.Signals.Select(s => s.Label), Is.EquivalentTo(Floors.Keys));
    }

    /// <summary>Both sides of the crisis decision, always together: recall is never traded away silently.</summary>
    [Test]
    public void Score_TestSplit_CrisisRecallAndFalseAlarmsWithinBounds()
    {
        var crisis = Test.Value.Crisis;

        Assert.Multiple(() =>
        {
            Assert.That(crisis.Recall.Value, Is.GreaterThanOrEqualTo(0.81), $"crisis recall {crisis.Recall}");                     // measured 161/190 (84.7%)
            Assert.That(crisis.ImplicitRecall.Value, Is.GreaterThanOrEqualTo(0.81), $"implicit recall {crisis.ImplicitRecall}");   // measured 128/152 (84.2%)
            Assert.That(crisis.FalseOnEveryday.Value, Is.LessThanOrEqualTo(0.09), $"false crisis on everyday posts {crisis.FalseOnEveryday}");  // measured 9/153 (5.9%)
            Assert.That(crisis.FalseOnLookalikes.Value, Is.LessThanOrEqualTo(0.11), $"false crisis on look-alikes {crisis.FalseOnLookalikes}"); // measured 14/182 (7.7%)
            Assert.That(crisis.FalseOnHyperbole.Count, Is.LessThanOrEqualTo(2), $"false crisis on hyperbole {crisis.FalseOnHyperbole}");         // measured 1/12
        });
    }
}
