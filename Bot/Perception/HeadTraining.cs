using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Common;

namespace CompanionBot.Perception;

/// <summary>A head's figures on the validation split at its chosen threshold.</summary>
public sealed record HeadReport(string Label, int TrainPositives, HeadScore Validation, HeadScore AtCare);

/// <summary>The trained heads, their validation figures, and the validation texts the crisis head wrongly flags.</summary>
public sealed record TrainingReport(SignalHeads Heads, IReadOnlyList<HeadReport> Labels, IReadOnlyList<string> CrisisFalsePositives, IReadOnlyList<HeadScore> CrisisCurve,
    IReadOnlyList<float[]> ValidationVectors, int TrainExamples, int ValidExamples, TimeSpan EncodeTime, TimeSpan TrainTime);

/// <summary>
/// Trains one support-vector head per label (all sharing one kernel matrix) from training/*.train.jsonl and picks its threshold on training/*.valid.jsonl,
/// which it never trains on. Labels with fewer than <see cref="MinPositives"/> training examples get no head.
/// </summary>
public static class HeadTraining
{
    public const int MinPositives = 8;
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>Signals the classifiers do not decide: ages need the number the lexicon reads.</summary>
    public static readonly IReadOnlySet<Signal> LexiconOnly = new HashSet<Signal> { Signal.AdultAge };

    public static TrainingReport Run(ITextEncoder encoder, string folder, VectorCache? cache = null, KernelTrainer.Options? options = null)
    {
        var o = options ?? new KernelTrainer.Options();
        var train = LabelledExamples.Read(folder, ".train.jsonl");
        var valid = LabelledExamples.Read(folder, ".valid.jsonl");
        if (train.Count == 0) throw new FormatException($"no *.train.jsonl examples in {folder}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trainVectors = EncodeAll(encoder, train, cache);
        var validVectors = EncodeAll(encoder, valid, cache);
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

        var validProbabilities = validVectors.Select(v => untuned.Probabilities(v)).ToArray();
        var heads = new SignalHead[labels.Length];
        var reports = new HeadReport[labels.Length];
        for (var k = 0; k < labels.Length; k++)
        {
            var signal = labels[k];
            var probabilities = validProbabilities.Select(p => p[k]).ToArray();
            var truth = valid.Select(e => e.Labels.Contains(signal)).ToArray();
            var (threshold, care) = ThresholdChoice.Choose(signal, probabilities, truth);
            var score = ThresholdChoice.Score(probabilities, truth, threshold);
            heads[k] = untuned.Heads[k] with { Threshold = threshold, CareThreshold = care, Precision = Math.Round(score.PrecisionLowerBound, 4) };
            reports[k] = new HeadReport(heads[k].Label, train.Count(e => e.Labels.Contains(signal)), score, ThresholdChoice.Score(probabilities, truth, care));
        }
        var trained = new SignalHeads(ModelName, untuned.Pool, heads);

        var crisisAt = Array.FindIndex(heads, h => h.Signal == Signal.Crisis);
        var crisisProbabilities = crisisAt < 0 ? [] : validProbabilities.Select(p => p[crisisAt]).ToArray();
        var falsePositives = crisisAt < 0 ? [] : valid.Where((e, i) => !e.Labels.Contains(Signal.Crisis) && crisisProbabilities[i] >= heads[crisisAt].Care)
            .Select(e => $"{e.File}: {e.Text}").ToArray();
        var crisisTruth = valid.Select(e => e.Labels.Contains(Signal.Crisis)).ToArray();
        var curve = crisisAt < 0 ? [] : Enumerable.Range(2, 17).Select(k => ThresholdChoice.Score(crisisProbabilities, crisisTruth, k * 0.05)).ToArray();
        return new TrainingReport(trained, reports, falsePositives, curve, validVectors, train.Count, valid.Count, encodeTime, clock.Elapsed);
    }

    private static float[][] EncodeAll(ITextEncoder encoder, IReadOnlyList<LabelledExample> examples, VectorCache? cache)
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
