using System.Numerics;
using System.Runtime.InteropServices;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// The training sentences every head leans on (the union of the heads' support vectors), kept once: a message's
/// vector is compared with each of them once, and every head reads its decision off those similarities.
/// </summary>
public sealed class SupportVectorPool
{
    private readonly float[] vectors;
    private readonly double[] norms;

    public SupportVectorPool(int dimensions, double gamma, float[] vectors)
    {
        if (dimensions <= 0 || vectors.Length % dimensions != 0) throw new FormatException($"support vectors: {vectors.Length} values do not split into vectors of {dimensions}");
        Dimensions = dimensions;
        Gamma = gamma;
        this.vectors = vectors;
        norms = new double[vectors.Length / dimensions];
        for (var i = 0; i < norms.Length; i++) norms[i] = VectorMath.Dot(Vector(i), Vector(i));
    }

    public int Dimensions { get; }

    /// <summary>The RBF width on sentence vectors: similarity exp(-gamma * |a - b|^2).</summary>
    public double Gamma { get; }

    public int Count => norms.Length;

    public ReadOnlySpan<float> Values => vectors;

    public ReadOnlySpan<float> Vector(int i) => vectors.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The kernel between the vector and every pooled vector.</summary>
    public double[] Similarities(ReadOnlySpan<float> vector) => Similarities([vector.ToArray()])[0];

    /// <summary>
    /// The kernel between each of <paramref name="queries"/> and every pooled vector, in one pass over the pool (a
    /// message's windows and sentences share it). Four pooled vectors per step with one accumulator each, every dot
    /// summed in the order of <see cref="VectorMath.Dot"/>, so the figures are bit for bit the trainer's.
    /// </summary>
    public double[][] Similarities(IReadOnlyList<float[]> queries)
    {
        var result = new double[queries.Count][];
        var queryNorms = new double[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            if (queries[q].Length != Dimensions) throw new ArgumentException($"a vector of {queries[q].Length} values against a pool of {Dimensions}");
            result[q] = new double[Count];
            queryNorms[q] = VectorMath.Dot(queries[q], queries[q]);
        }
        var i = 0;
        for (; i + 4 <= Count; i += 4)
        {
            for (var q = 0; q < queries.Count; q++)
            {
                var (d0, d1, d2, d3) = Dot4(i, queries[q]);
                var r = result[q];
                r[i] = VectorMath.Rbf(Gamma, norms[i], queryNorms[q], d0);
                r[i + 1] = VectorMath.Rbf(Gamma, norms[i + 1], queryNorms[q], d1);
                r[i + 2] = VectorMath.Rbf(Gamma, norms[i + 2], queryNorms[q], d2);
                r[i + 3] = VectorMath.Rbf(Gamma, norms[i + 3], queryNorms[q], d3);
            }
        }
        for (; i < Count; i++)
        {
            for (var q = 0; q < queries.Count; q++) result[q][i] = VectorMath.Rbf(Gamma, norms[i], queryNorms[q], VectorMath.Dot(Vector(i), queries[q]));
        }
        return result;
    }

    private (double, double, double, double) Dot4(int first, float[] query)
    {
        var q = MemoryMarshal.Cast<float, Vector<float>>(query.AsSpan());
        var a = MemoryMarshal.Cast<float, Vector<float>>(Vector(first));
        var b = MemoryMarshal.Cast<float, Vector<float>>(Vector(first + 1));
        var c = MemoryMarshal.Cast<float, Vector<float>>(Vector(first + 2));
        var d = MemoryMarshal.Cast<float, Vector<float>>(Vector(first + 3));
        Vector<float> sa = Vector<float>.Zero, sb = Vector<float>.Zero, sc = Vector<float>.Zero, sd = Vector<float>.Zero;
        for (var k = 0; k < q.Length; k++)
        {
            sa += a[k] * q[k];
            sb += b[k] * q[k];
            sc += c[k] * q[k];
            sd += d[k] * q[k];
        }
        var tail = q.Length * Vector<float>.Count;
        return (Finish(sa, first, query, tail), Finish(sb, first + 1, query, tail), Finish(sc, first + 2, query, tail), Finish(sd, first + 3, query, tail));
    }

    private double Finish(Vector<float> acc, int row, float[] query, int tail)
    {
        double sum = System.Numerics.Vector.Sum(acc);
        var v = Vector(row);
        for (var j = tail; j < Dimensions; j++) sum += v[j] * query[j];
        return sum;
    }
}

/// <summary>
/// One head: a support-vector machine with an RBF kernel over the sentence vector, its decision value turned into a
/// probability by Platt's sigmoid. Similarity to the training sentences that matter separates what one direction in
/// the sentence space cannot (crisis beside "my laptop died", a demand beside a joke that sounds like one).
/// </summary>
/// <param name="Rho">The offset: decision = sum of coefficient x similarity - rho.</param>
/// <param name="Support">Indexes of this head's support vectors in the pool.</param>
/// <param name="Coefficients">Per support vector, its dual weight times its label (+1 signal, -1 not).</param>
public sealed record KernelModel(double Rho, double PlattA, double PlattB, int[] Support, float[] Coefficients)
{
    public double Decision(ReadOnlySpan<double> similarities)
    {
        var sum = -Rho;
        for (var k = 0; k < Support.Length; k++) sum += Coefficients[k] * similarities[Support[k]];
        return sum;
    }

    public double Probability(ReadOnlySpan<double> similarities) => PlattScaling.Probability(Decision(similarities), PlattA, PlattB);
}
