using CompanionBot.Appraisal.Semantic;
using CompanionBot.Perception;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// Nobody hand-edits the weights: retraining from the committed training/*.jsonl files reproduces the committed
/// signal-heads.json. Tolerance: thresholds within one grid step, every head's probability
/// on every tune sentence within 0.02, the support vectors kept within 2% (the encoder's float rounding and
/// the SIMD width differ between machines). Slow: encoding ~6,000 texts and training take about 2.5 minutes on
/// two idle cores (longer on a loaded machine), which is why it runs once, in its own category.
/// </summary>
[Category("Retrain")]
public sealed class RetrainingTests
{
    [Test]
    public void Train_CommittedExamples_ReproduceCommittedWeights()
    {
        var committed = SignalHeads.Embedded()!;
        var folder = TrainingFolder();

        var report = HeadTraining.Run(Semantic.Encoder, folder);
        var retrained = report.Heads;

        Assert.That(retrained.Heads.Select(h => h.Label), Is.EqualTo(committed.Heads.Select(h => h.Label)));
        Assert.That(retrained.Pool.Count, Is.EqualTo(committed.Pool.Count).Within(committed.Pool.Count / 50 + 1), "support vectors kept");
        var fresh = report.TuneVectors.Select(v => retrained.Probabilities(v)).ToArray();
        var kept = report.TuneVectors.Select(v => committed.Probabilities(v)).ToArray();
        for (var h = 0; h < committed.Heads.Count; h++)
        {
            var label = committed.Heads[h].Label;
            Assert.That(retrained.Heads[h].Threshold, Is.EqualTo(committed.Heads[h].Threshold).Within(0.051), label);
            Assert.That(retrained.Heads[h].Care, Is.EqualTo(committed.Heads[h].Care).Within(0.051), label);
            var worst = fresh.Zip(kept).Max(p => Math.Abs(p.First[h] - p.Second[h]));
            Assert.That(worst, Is.LessThan(0.02), $"{label}: largest probability difference on the tune split");
        }
    }

    private static string TrainingFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "training");
            if (Directory.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "Engine"))) return candidate;
        }
        throw new DirectoryNotFoundException($"training/ not found above {AppContext.BaseDirectory}");
    }
}
