using System.Text.Json;
using CompanionBot.Common;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// One trained head: its machine over the shared support vectors, the probability it needs to fire, its precision on
/// the validation split at that threshold, and (for crisis) the lower, recall-tuned threshold at which risk is
/// plausible enough that the stance rules stay careful.
/// </summary>
public sealed record SignalHead(string Label, Signal Signal, double Threshold, KernelModel Model)
{
    public double Precision { get; init; } = 1;
    public double CareThreshold { get; init; } = double.NaN;
    public double Care => double.IsNaN(CareThreshold) ? Threshold : CareThreshold;
}

/// <summary>
/// The trained heads and the support vectors they share, read from the JSON data file embedded beside this code
/// (signal-heads.json, written by the <c>train</c> mode from training/*.train.jsonl). Nobody edits it by hand: a
/// test retrains and compares.
/// </summary>
public sealed class SignalHeads
{
    public const string ResourceName = "signal-heads.json";

    public SignalHeads(string model, SupportVectorPool pool, IReadOnlyList<SignalHead> heads)
    {
        foreach (var head in heads)
        {
            if (head.Model.Support.Length != head.Model.Coefficients.Length || head.Model.Support.Any(i => i < 0 || i >= pool.Count))
                throw new FormatException($"heads file: '{head.Label}' names support vectors outside the {pool.Count} kept");
        }
        Model = model;
        Pool = pool;
        Heads = heads;
    }

    public string Model { get; }
    public int Dimensions => Pool.Dimensions;
    public SupportVectorPool Pool { get; }
    public IReadOnlyList<SignalHead> Heads { get; }

    /// <summary>Every head's probability for one sentence vector, in the order of <see cref="Heads"/>.</summary>
    public double[] Probabilities(ReadOnlySpan<float> vector) => Probabilities([vector.ToArray()])[0];

    /// <summary>Every head's probability for each vector (one pass over the shared pool for all of them).</summary>
    public double[][] Probabilities(IReadOnlyList<float[]> vectors) =>
        [.. Pool.Similarities(vectors).Select(similarities => Heads.Select(h => h.Model.Probability(similarities)).ToArray())];

    /// <summary>
    /// Heads trained on a training set (their support named by training row) with the pool cut down to the rows some
    /// head uses, stored at half precision: the numbers the trainer scores are the numbers the bot computes.
    /// </summary>
    public static SignalHeads FromTraining(string model, double gamma, IReadOnlyList<float[]> training, IReadOnlyList<SignalHead> heads)
    {
        var used = heads.SelectMany(h => h.Model.Support).Distinct().Order().ToArray();
        var position = used.Select((row, k) => (row, k)).ToDictionary(p => p.row, p => p.k);
        var dimensions = training[0].Length;
        var values = new float[used.Length * dimensions];
        for (var k = 0; k < used.Length; k++)
        {
            for (var d = 0; d < dimensions; d++) values[k * dimensions + d] = (float)(Half)training[used[k]][d];
        }
        var remapped = heads.Select(h => h with { Model = h.Model with { Support = h.Model.Support.Select(r => position[r]).ToArray() } }).ToList();
        return new SignalHeads(model, new SupportVectorPool(dimensions, gamma, values), remapped);
    }

    /// <summary>The heads shipped in the assembly, or null when none were embedded.</summary>
    public static SignalHeads? Embedded()
    {
        var assembly = typeof(SignalHeads).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceName, StringComparison.Ordinal));
        if (name is null) return null;
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static SignalHeads Parse(string json)
    {
        var file = JsonSerializer.Deserialize(json, HeadsJson.Default.HeadsFile) ?? throw new FormatException("empty heads file");
        var pool = new SupportVectorPool(file.Dimensions, file.Gamma, HeadsFileModels.ReadHalves(file.SupportVectors, file.Dimensions));
        var heads = new List<SignalHead>();
        foreach (var h in file.Heads)
        {
            if (!WireNames.TryParse<Signal>(h.Label, out var signal)) throw new FormatException($"heads file: unknown signal '{h.Label}'");
            var machine = new KernelModel(h.Rho, h.PlattA, h.PlattB, h.Support, h.Coefficients);
            heads.Add(new SignalHead(h.Label, signal, h.Threshold, machine) { Precision = h.Precision, CareThreshold = h.Care });
        }
        return new SignalHeads(file.Model, pool, heads);
    }

    public string ToJson()
    {
        var entries = Heads.Select(h => new HeadEntry(h.Label, Math.Round(h.Threshold, 4), Math.Round(h.Care, 4), Math.Round(h.Precision, 4),
            Math.Round(h.Model.Rho, 6), Math.Round(h.Model.PlattA, 6), Math.Round(h.Model.PlattB, 6), h.Model.Support,
            h.Model.Coefficients.Select(c => (float)Math.Round(c, 6)).ToArray())).ToList();
        var file = new HeadsFile(Model, Dimensions, Pool.Gamma, HeadsFileModels.WriteHalves(Pool.Values), entries);
        return JsonSerializer.Serialize(file, HeadsJson.Default.HeadsFile) + "\n";
    }
}
