using CompanionBot.Appraisal.Semantic;
using CompanionBot.Perception;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// Nobody hand-edits the weights: retraining from the committed training/*.jsonl files reproduces the committed
/// signal-heads.json. Tolerance: thresholds equal, every weight and bias within 0.02 (the encoder's float rounding
/// and the SIMD width differ between machines). Slow: encoding ~6,000 texts and training take about 2.5 minutes on
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

        var retrained = HeadTraining.Run(Semantic.Encoder, folder).Heads;

        Assert.That(retrained.Heads.Select(h => h.Label), Is.EqualTo(committed.Heads.Select(h => h.Label)));
        foreach (var (fresh, kept) in retrained.Heads.Zip(committed.Heads))
        {
            Assert.That(fresh.Threshold, Is.EqualTo(kept.Threshold).Within(0.051), fresh.Label);
            Assert.That(fresh.Bias, Is.EqualTo(kept.Bias).Within(0.02), fresh.Label);
            var worst = fresh.Weights.Zip(kept.Weights).Max(w => Math.Abs(w.First - w.Second));
            Assert.That(worst, Is.LessThan(0.02), fresh.Label);
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
