using System.Text.Json;
using System.Text.Json.Serialization;
using CompanionBot.Common;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// One trained head: a logistic regression over the sentence vector, the probability it needs to fire, its precision
/// on the validation split at that threshold, and (for crisis) the lower, recall-tuned threshold at which risk is
/// plausible enough that the stance rules stay careful.
/// </summary>
public sealed record SignalHead(string Label, Signal Signal, double Threshold, double Bias, float[] Weights)
{
    public double Precision { get; init; } = 1;
    public double CareThreshold { get; init; } = double.NaN;
    public double Care => double.IsNaN(CareThreshold) ? Threshold : CareThreshold;

    public double Probability(ReadOnlySpan<float> vector)
    {
        var z = Bias;
        for (var i = 0; i < Weights.Length && i < vector.Length; i++) z += Weights[i] * (double)vector[i];
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}

/// <summary>
/// The trained heads, read from the JSON data file embedded beside this code (signal-heads.json, written by the
/// <c>train</c> mode from training/*.train.jsonl). Nobody edits the weights by hand: a test retrains and compares.
/// </summary>
public sealed class SignalHeads
{
    public const string ResourceName = "signal-heads.json";

    public SignalHeads(string model, int dimensions, IReadOnlyList<SignalHead> heads)
    {
        Model = model;
        Dimensions = dimensions;
        Heads = heads;
    }

    public string Model { get; }
    public int Dimensions { get; }
    public IReadOnlyList<SignalHead> Heads { get; }

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
        var heads = new List<SignalHead>();
        foreach (var h in file.Heads)
        {
            if (!WireNames.TryParse<Signal>(h.Label, out var signal)) throw new FormatException($"heads file: unknown signal '{h.Label}'");
            if (h.Weights.Length != file.Dimensions) throw new FormatException($"heads file: '{h.Label}' has {h.Weights.Length} weights, not {file.Dimensions}");
            heads.Add(new SignalHead(h.Label, signal, h.Threshold, h.Bias, h.Weights) { Precision = h.Precision, CareThreshold = h.Care });
        }
        return new SignalHeads(file.Model, file.Dimensions, heads);
    }

    public string ToJson()
    {
        var file = new HeadsFile(Model, Dimensions,
            Heads.Select(h => new HeadEntry(h.Label, Math.Round(h.Threshold, 4), Math.Round(h.Care, 4), Math.Round(h.Precision, 4), Math.Round(h.Bias, 6),
                h.Weights.Select(w => (float)Math.Round(w, 6)).ToArray())).ToList());
        return JsonSerializer.Serialize(file, HeadsJson.Default.HeadsFile) + "\n";
    }
}

internal sealed record HeadsFile(string Model, int Dimensions, List<HeadEntry> Heads);

internal sealed record HeadEntry(string Label, double Threshold, double Care, double Precision, double Bias, float[] Weights);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HeadsFile))]
internal sealed partial class HeadsJson : JsonSerializerContext;
