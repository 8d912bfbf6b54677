using System.Numerics;
using System.Runtime.InteropServices;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Binary logistic regression, deterministic: features standardised on the training set, classes weighted to equal
/// mass, L2-regularised, full-batch Nesterov gradient descent for a fixed number of steps from zero. No randomness
/// and a fixed order: the same inputs on the same machine give the same weights; across machines only the SIMD
/// width changes the rounding (the reproducibility test allows for it).
/// </summary>
public static class LogisticTrainer
{
    public sealed record Options(double L2 = 0.3, int Steps = 200);

    /// <summary>The training vectors, standardised once and shared by every head trained on them.</summary>
    public sealed class Design
    {
        public Design(IReadOnlyList<float[]> x)
        {
            Rows = x.Count;
            Width = x[0].Length;
            Mean = new double[Width];
            Scale = new double[Width];
            foreach (var row in x)
            {
                for (var j = 0; j < Width; j++) Mean[j] += row[j];
            }
            for (var j = 0; j < Width; j++) Mean[j] /= Rows;
            foreach (var row in x)
            {
                for (var j = 0; j < Width; j++) Scale[j] += (row[j] - Mean[j]) * (row[j] - Mean[j]);
            }
            for (var j = 0; j < Width; j++) Scale[j] = Math.Sqrt(Scale[j] / Rows) + 1e-6;
            Z = new float[Rows * Width];
            for (var i = 0; i < Rows; i++)
            {
                for (var j = 0; j < Width; j++) Z[i * Width + j] = (float)((x[i][j] - Mean[j]) / Scale[j]);
            }
        }

        public int Rows { get; }
        public int Width { get; }
        public double[] Mean { get; }
        public double[] Scale { get; }
        public float[] Z { get; }

        public ReadOnlySpan<float> Row(int i) => Z.AsSpan(i * Width, Width);
    }

    /// <summary>Returns weights and bias on the raw (unstandardised) vector, the standardisation folded in.</summary>
    public static (float[] Weights, double Bias) Train(Design x, IReadOnlyList<bool> y, Options? options = null)
    {
        var o = options ?? new Options();
        var n = x.Rows;
        var d = x.Width;
        var positives = y.Count(v => v);
        var weightPos = positives == 0 ? 0 : 0.5 / positives;
        var weightNeg = positives == n ? 0 : 0.5 / (n - positives);
        var sampleWeight = y.Select(v => (float)(v ? weightPos : weightNeg)).ToArray();

        var step = 1.0 / (0.25 * LargestEigen(x, sampleWeight) + o.L2);
        var w = new float[d];
        var previous = new float[d];
        var look = new float[d];
        var grad = new float[d];
        double bias = 0, previousBias = 0;
        for (var t = 1; t <= o.Steps; t++)
        {
            var momentum = (float)((t - 1.0) / (t + 2.0));
            for (var j = 0; j < d; j++) look[j] = w[j] + momentum * (w[j] - previous[j]);
            var lookBias = bias + momentum * (bias - previousBias);
            var gradBias = Gradient(x, y, sampleWeight, look, lookBias, grad);
            Array.Copy(w, previous, d);
            previousBias = bias;
            for (var j = 0; j < d; j++) w[j] = (float)(look[j] - step * (grad[j] + o.L2 * look[j]));
            bias = lookBias - step * gradBias;
        }

        var weights = new float[d];
        for (var j = 0; j < d; j++)
        {
            weights[j] = (float)(w[j] / x.Scale[j]);
            bias -= w[j] * x.Mean[j] / x.Scale[j];
        }
        return (weights, bias);
    }

    private static double Gradient(Design x, IReadOnlyList<bool> y, float[] sw, float[] w, double bias, float[] grad)
    {
        Array.Clear(grad);
        var gradBias = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var p = 1.0 / (1.0 + Math.Exp(-(bias + Dot(row, w))));
            var e = (float)(sw[i] * (p - (y[i] ? 1.0 : 0.0)));
            AddScaled(grad, row, e);
            gradBias += e;
        }
        return gradBias;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var k = 0; k < va.Length; k++) acc += va[k] * vb[k];
        double sum = Vector.Sum(acc);
        for (var j = va.Length * Vector<float>.Count; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> row, float scale)
    {
        var vt = MemoryMarshal.Cast<float, Vector<float>>(target);
        var vr = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var k = 0; k < vt.Length; k++) vt[k] += vr[k] * scale;
        for (var j = vt.Length * Vector<float>.Count; j < target.Length; j++) target[j] += row[j] * scale;
    }

    /// <summary>The largest eigenvalue of the weighted Gram matrix (bias column included), by power iteration.</summary>
    private static double LargestEigen(Design x, float[] sw)
    {
        var d = x.Width;
        var v = Enumerable.Repeat((float)(1.0 / Math.Sqrt(d + 1)), d).ToArray();
        var vBias = 1.0 / Math.Sqrt(d + 1);
        var lambda = 1.0;
        var next = new float[d];
        for (var k = 0; k < 20; k++)
        {
            Array.Clear(next);
            var nextBias = 0.0;
            for (var i = 0; i < x.Rows; i++)
            {
                var s = (float)(sw[i] * (vBias + Dot(x.Row(i), v)));
                AddScaled(next, x.Row(i), s);
                nextBias += s;
            }
            lambda = Math.Sqrt(next.Sum(a => (double)a * a) + nextBias * nextBias);
            if (lambda <= 0) return 1;
            for (var j = 0; j < d; j++) v[j] = (float)(next[j] / lambda);
            vBias = nextBias / lambda;
        }
        return lambda;
    }
}
