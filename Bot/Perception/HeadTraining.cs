using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Common;

namespace CompanionBot.Perception;

/// <summary>A head's figures on the tune split at its chosen threshold (chosen there, so optimistic: the test split is scored apart).</summary>
public sealed record HeadReport(string Label, int TrainPositives, HeadScore Tune, HeadScore AtCare);

/// <summary>The trained heads, their tune-split figures, and the tune texts the crisis head wrongly flags.</summary>
public sealed record TrainingReport(SignalHeads Heads, IReadOnlyList<HeadReport> Labels, IReadOnlyList<string> CrisisFalsePositives, IReadOnlyList<HeadScore> CrisisCurve,
    IReadOnlyList<float[]> TuneVectors, int TrainExamples, int TuneExamples, TimeSpan EncodeTime, TimeSpan TrainTime);

/// <summary>
/// Trains one support-vector head per label (all sharing one kernel matrix) from training/*.train.jsonl and picks its threshold on training/*.tune.jsonl,
/// which it never trains on. training/*.test.jsonl is never read here: it is scored apart (<see cref="SplitScoring"/>), once per change. Labels with fewer than <see cref="MinPositives"/> training examples get no head.
/// </summary>
public static class HeadTraining
{
    public const int MinPositives = 8;
    public const string ModelName = "all-MiniLM-L6-v2";
    public const string TrainSuffix = ".train.jsonl";
    public const string TuneSuffix = ".tune.jsonl";
    public const string TestSuffix = ".test.jsonl";

    /// <summary>Signals the classifiers do not decide: ages need the number the lexicon reads.</summary>
    public static readonly IReadOnlySet<Signal> LexiconOnly = new HashSet<Signal> { Signal.AdultAge };

    public static TrainingReport Run(ITextEncoder encoder, string folder, VectorCache? cache = null, KernelTrainer.Options? options = null)
    {
        var o = options ?? new KernelTrainer.Options();
        var train = LabelledExamples.Read(folder, TrainSuffix);
        var tune = LabelledExamples.Read(folder, TuneSuffix);
        if (train.Count == 0) throw new FormatException($"no *.train.jsonl examples in {folder}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trainVectors = EncodeAll(encoder, train, cache);
        var tuneVectors = EncodeAll(encoder, tune, cache);
        var encodeTime = clock.Elapsed;
        clock.Restart();

        var labels = Enum.GetValues<Signal>()
            .Where(s => !LexiconOnly.Contains(s) && train.Count(e => e.Labels.Contains(s)) >= MinPositives)
            .ToArray();
        var kernel = new KernelMatrix(trainVectors, o.Gamma);
        var machines = new KernelModel[labels.Length];
        Parallel.For(0, labels.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
            machines[k] = KernelTrainer.Train(kernel, train.Select(e => e.Labels.Contains(labels[k])).ToArray(), o.Cost));
        var untuned = SignalHeads.FromTraining(ModelName, o.Gamma, trainVectors,
            labels.Select((s, k) => new SignalHead(WireNames.Of(s), s, ThresholdChoice.Default, machines[k])).ToList());

        var tuneProbabilities = tuneVectors.Select(v => untuned.Probabilities(v)).ToArray();
        var heads = new SignalHead[labels.Length];
        var reports = new HeadReport[labels.Length];
        for (var k = 0; k < labels.Length; k++)
        {
            var signal = labels[k];
            var probabilities = tuneProbabilities.Select(p => p[k]).ToArray();
            var truth = tune.Select(e => e.Labels.Contains(signal)).ToArray();
            var (threshold, care) = ThresholdChoice.Choose(signal, probabilities, truth);
            var score = ThresholdChoice.Score(probabilities, truth, threshold);
            heads[k] = untuned.Heads[k] with { Threshold = threshold, CareThreshold = care, Precision = Math.Round(score.PrecisionLowerBound, 4) };
            reports[k] = new HeadReport(heads[k].Label, train.Count(e => e.Labels.Contains(signal)), score, ThresholdChoice.Score(probabilities, truth, care));
        }
        var trained = new SignalHeads(ModelName, untuned.Pool, heads);

        var crisisAt = Array.FindIndex(heads, h => h.Signal == Signal.Crisis);
        var crisisProbabilities = crisisAt < 0 ? [] : tuneProbabilities.Select(p => p[crisisAt]).ToArray();
        var falsePositives = crisisAt < 0 ? [] : tune.Where((e, i) => !e.Labels.Contains(Signal.Crisis) && crisisProbabilities[i] >= heads[crisisAt].Care)
            .Select(e => $"{e.File}: {e.Text}").ToArray();
        var crisisTruth = tune.Select(e => e.Labels.Contains(Signal.Crisis)).ToArray();
        var curve = crisisAt < 0 ? [] : Enumerable.Range(2, 17).Select(k => ThresholdChoice.Score(crisisProbabilities, crisisTruth, k * 0.05)).ToArray();
        return new TrainingReport(trained, reports, falsePositives, curve, tuneVectors, train.Count, tune.Count, encodeTime, clock.Elapsed);
    }

    /// <summary>Every example's vector, encoded shortest first in batches of 32 (a batch pads to its longest text).</summary>
    public static float[][] EncodeAll(ITextEncoder encoder, IReadOnlyList<LabelledExample> examples, VectorCache? cache = null)
    {
        var vectors = new float[examples.Count][];
        for (var i = 0; i < examples.Count; i++) vectors[i] = cache?.Find(examples[i].Text)!;
        var order = Enumerable.Range(0, examples.Count).Where(i => vectors[i] is null).OrderBy(i => examples[i].Text.Length).ThenBy(i => i).ToArray();
        foreach (var batch in order.Chunk(32))
        {
            var encoded = encoder.Encode(batch.Select(i => examples[i].Text).ToArray());
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = encoded[k];
                cache?.Add(examples[batch[k]].Text, encoded[k]);
            }
        }
        return vectors;
    }
}
