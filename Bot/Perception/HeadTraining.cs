using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Common;

namespace CompanionBot.Perception;

/// <summary>A head's figures on the validation split at its chosen threshold.</summary>
public sealed record HeadReport(string Label, int TrainPositives, HeadScore Validation, HeadScore AtCare);

/// <summary>The trained heads, their validation figures, and the validation texts the crisis head wrongly flags.</summary>
public sealed record TrainingReport(SignalHeads Heads, IReadOnlyList<HeadReport> Labels, IReadOnlyList<string> CrisisFalsePositives, IReadOnlyList<HeadScore> CrisisCurve,
    int TrainExamples, int ValidExamples, TimeSpan EncodeTime, TimeSpan TrainTime);

/// <summary>
/// Trains one logistic head per label from training/*.train.jsonl and picks its threshold on training/*.valid.jsonl,
/// which it never trains on. Labels with fewer than <see cref="MinPositives"/> training examples get no head.
/// </summary>
public static class HeadTraining
{
    public const int MinPositives = 8;
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>Signals the classifiers do not decide: ages need the number the lexicon reads.</summary>
    public static readonly IReadOnlySet<Signal> LexiconOnly = new HashSet<Signal> { Signal.AdultAge };

    public static TrainingReport Run(ITextEncoder encoder, string folder, VectorCache? cache = null, LogisticTrainer.Options? options = null)
    {
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
        var design = new LogisticTrainer.Design(trainVectors);
        var heads = new SignalHead[labels.Length];
        var reports = new HeadReport[labels.Length];
        Parallel.For(0, labels.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            var signal = labels[k];
            var y = train.Select(e => e.Labels.Contains(signal)).ToArray();
            var (weights, bias) = LogisticTrainer.Train(design, y, options);
            var head = new SignalHead(WireNames.Of(signal), signal, ThresholdChoice.Default, bias, weights);
            var probabilities = validVectors.Select(v => head.Probability(v)).ToArray();
            var truth = valid.Select(e => e.Labels.Contains(signal)).ToArray();
            var (threshold, care) = ThresholdChoice.Choose(signal, probabilities, truth);
            var score = ThresholdChoice.Score(probabilities, truth, threshold);
            heads[k] = head with { Threshold = threshold, CareThreshold = care, Precision = Math.Round(score.Precision, 4) };
            reports[k] = new HeadReport(head.Label, y.Count(v => v), score, ThresholdChoice.Score(probabilities, truth, care));
        });
        var crisis = heads.FirstOrDefault(h => h.Signal == Signal.Crisis);
        var falsePositives = crisis is null ? [] : valid.Where((e, i) => !e.Labels.Contains(Signal.Crisis) && crisis.Probability(validVectors[i]) >= crisis.Care)
            .Select(e => $"{e.File}: {e.Text}").ToArray();
        var crisisProbabilities = crisis is null ? [] : validVectors.Select(v => crisis.Probability(v)).ToArray();
        var crisisTruth = valid.Select(e => e.Labels.Contains(Signal.Crisis)).ToArray();
        var curve = crisis is null ? [] : Enumerable.Range(2, 17).Select(k => ThresholdChoice.Score(crisisProbabilities, crisisTruth, k * 0.05)).ToArray();
        return new TrainingReport(new SignalHeads(ModelName, encoder.Dimensions, heads), reports, falsePositives, curve,
            train.Count, valid.Count, encodeTime, clock.Elapsed);
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
