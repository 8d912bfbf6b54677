using System.Numerics;
using System.Runtime.InteropServices;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>SIMD dot products over sentence vectors, shared by the heads and their trainers.</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        a = a[..length];
        b = b[..length];
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var k = 0; k < va.Length; k++) acc += va[k] * vb[k];
        double sum = Vector.Sum(acc);
        for (var j = va.Length * Vector<float>.Count; j < length; j++) sum += a[j] * b[j];
        return sum;
    }

    /// <summary>exp(-gamma * |a - b|^2), from the two squared norms and the dot product.</summary>
    public static double Rbf(double gamma, double normA, double normB, double dot) => Math.Exp(-gamma * Math.Max(0, normA + normB - 2 * dot));
}
