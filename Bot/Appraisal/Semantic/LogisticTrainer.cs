namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Binary logistic regression, deterministic: features standardised on the training set, classes weighted to equal
/// mass, L2-regularised, full-batch Nesterov gradient descent for a fixed number of steps from zero. No randomness,
/// a fixed order, double arithmetic: the same inputs give the same weights (the encoder's own float noise aside).
/// </summary>
public static class LogisticTrainer
{
    public sealed record Options(double L2 = 0.02, int Steps = 300);

    /// <summary>Returns weights and bias on the raw (unstandardised) vector, the standardisation folded in.</summary>
    public static (float[] Weights, double Bias) Train(IReadOnlyList<float[]> x, IReadOnlyList<bool> y, Options? options = null)
    {
        var o = options ?? new Options();
        var n = x.Count;
        var d = x[0].Length;
        var (mean, scale) = Standardisation(x, d);
        var z = new double[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = new double[d];
            for (var j = 0; j < d; j++) z[i][j] = (x[i][j] - mean[j]) / scale[j];
        }
        var positives = y.Count(v => v);
        var weightPos = positives == 0 ? 0 : 0.5 / positives;
        var weightNeg = positives == n ? 0 : 0.5 / (n - positives);
        var sampleWeight = y.Select(v => v ? weightPos : weightNeg).ToArray();

        var step = 1.0 / (0.25 * LargestEigen(z, sampleWeight, d) + o.L2);
        var w = new double[d + 1];
        var previous = new double[d + 1];
        var look = new double[d + 1];
        var grad = new double[d + 1];
        for (var t = 1; t <= o.Steps; t++)
        {
            var momentum = (t - 1.0) / (t + 2.0);
            for (var j = 0; j <= d; j++) look[j] = w[j] + momentum * (w[j] - previous[j]);
            Gradient(z, y, sampleWeight, look, o.L2, grad);
            Array.Copy(w, previous, d + 1);
            for (var j = 0; j <= d; j++) w[j] = look[j] - step * grad[j];
        }

        var weights = new float[d];
        var bias = w[d];
        for (var j = 0; j < d; j++)
        {
            weights[j] = (float)(w[j] / scale[j]);
            bias -= w[j] * mean[j] / scale[j];
        }
        return (weights, bias);
    }

    private static void Gradient(double[][] z, IReadOnlyList<bool> y, double[] sw, double[] w, double l2, double[] grad)
    {
        var d = w.Length - 1;
        Array.Clear(grad);
        for (var i = 0; i < z.Length; i++)
        {
            var row = z[i];
            var s = w[d];
            for (var j = 0; j < d; j++) s += w[j] * row[j];
            var p = 1.0 / (1.0 + Math.Exp(-s));
            var e = sw[i] * (p - (y[i] ? 1.0 : 0.0));
            for (var j = 0; j < d; j++) grad[j] += e * row[j];
            grad[d] += e;
        }
        for (var j = 0; j < d; j++) grad[j] += l2 * w[j];
    }

    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<float[]> x, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in x)
        {
            for (var j = 0; j < d; j++) mean[j] += row[j];
        }
        for (var j = 0; j < d; j++) mean[j] /= x.Count;
        foreach (var row in x)
        {
            for (var j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        for (var j = 0; j < d; j++) scale[j] = Math.Sqrt(scale[j] / x.Count) + 1e-6;
        return (mean, scale);
    }

    /// <summary>The largest eigenvalue of the weighted Gram matrix (with the bias column), by power iteration.</summary>
    private static double LargestEigen(double[][] z, double[] sw, int d)
    {
        var v = Enumerable.Repeat(1.0 / Math.Sqrt(d + 1), d + 1).ToArray();
        var lambda = 1.0;
        for (var k = 0; k < 30; k++)
        {
            var next = new double[d + 1];
            for (var i = 0; i < z.Length; i++)
            {
                var s = v[d];
                for (var j = 0; j < d; j++) s += z[i][j] * v[j];
                s *= sw[i];
                for (var j = 0; j < d; j++) next[j] += s * z[i][j];
                next[d] += s;
            }
            lambda = Math.Sqrt(next.Sum(a => a * a));
            if (lambda <= 0) return 1;
            for (var j = 0; j <= d; j++) v[j] = next[j] / lambda;
        }
        return lambda;
    }
}
