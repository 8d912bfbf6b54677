namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// The RBF kernel between every pair of training vectors, computed once (in parallel, upper triangle mirrored) and
/// shared by every kernel head and every cross-validation fold trained on those vectors.
/// </summary>
public sealed class KernelMatrix
{
    private readonly float[] values;

    public KernelMatrix(IReadOnlyList<float[]> vectors, double gamma, int parallelism = 2)
    {
        Size = vectors.Count;
        Gamma = gamma;
        Vectors = vectors;
        values = new float[(long)Size * Size > int.MaxValue ? throw new ArgumentException($"{Size} vectors are too many for one kernel matrix") : Size * Size];
        var norms = vectors.Select(v => VectorMath.Dot(v, v)).ToArray();
        Parallel.For(0, Size, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            for (var j = i; j < Size; j++)
            {
                var k = (float)VectorMath.Rbf(gamma, norms[i], norms[j], VectorMath.Dot(vectors[i], vectors[j]));
                values[i * Size + j] = k;
                values[j * Size + i] = k;
            }
        });
    }

    public int Size { get; }
    public double Gamma { get; }
    public IReadOnlyList<float[]> Vectors { get; }

    public float this[int i, int j] => values[i * Size + j];

    public ReadOnlySpan<float> Row(int i) => values.AsSpan(i * Size, Size);
}
