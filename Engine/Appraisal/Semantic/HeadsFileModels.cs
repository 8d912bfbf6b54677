using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// The file form of the heads: the shared support vectors as half-precision little-endian floats in base64 (a third
/// of the size of decimal text, and the precision the bot computes with), each head as its offset, Platt sigmoid,
/// support indexes and coefficients.
/// </summary>
internal static class HeadsFileModels
{
    public static float[] ReadHalves(string base64, int dimensions)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length % (2 * dimensions) != 0) throw new FormatException($"heads file: {bytes.Length} bytes of support vectors do not split into vectors of {dimensions}");
        var halves = MemoryMarshal.Cast<byte, Half>(bytes);
        var values = new float[halves.Length];
        for (var i = 0; i < halves.Length; i++) values[i] = (float)halves[i];
        return values;
    }

    public static string WriteHalves(ReadOnlySpan<float> values)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
        return Convert.ToBase64String(MemoryMarshal.AsBytes(halves.AsSpan()));
    }
}

internal sealed record HeadsFile(string Model, int Dimensions, double Gamma, string SupportVectors, List<HeadEntry> Heads);

internal sealed record HeadEntry(string Label, double Threshold, double Care, double Precision, double Rho, double PlattA, double PlattB, int[] Support, float[] Coefficients);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HeadsFile))]
internal sealed partial class HeadsJson : JsonSerializerContext;
