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
    public double[] Similarities(ReadOnlySpan<float> vector)
    {
        var norm = VectorMath.Dot(vector, vector);
        var result = new double[Count];
        for (var i = 0; i < result.Length; i++) result[i] = VectorMath.Rbf(Gamma, norms[i], norm, VectorMath.Dot(Vector(i), vector));
        return result;
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
