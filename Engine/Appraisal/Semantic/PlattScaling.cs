namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Platt's sigmoid p = 1 / (1 + exp(A*f + B)) fitted to decision values by Newton's method with a backtracking line
/// search, on smoothed targets (Lin, Lin and Weng, "A note on Platt's probabilistic outputs", 2007). The decision
/// values must come from examples the machine was not trained on (cross-validation), or the sigmoid is overconfident.
/// </summary>
public static class PlattScaling
{
    public static double Probability(double decision, double a, double b)
    {
        var z = decision * a + b;
        return z >= 0 ? Math.Exp(-z) / (1.0 + Math.Exp(-z)) : 1.0 / (1.0 + Math.Exp(z));
    }

    public static (double A, double B) Fit(IReadOnlyList<double> decisions, IReadOnlyList<bool> labels)
    {
        var n = decisions.Count;
        double prior1 = labels.Count(l => l), prior0 = n - prior1;
        var hi = (prior1 + 1) / (prior1 + 2);
        var lo = 1 / (prior0 + 2);
        var t = labels.Select(l => l ? hi : lo).ToArray();
        double a = 0, b = Math.Log((prior0 + 1) / (prior1 + 1));
        var value = Objective(decisions, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < n; i++)
            {
                var p = Probability(decisions[i], a, b);
                var d2 = p * (1 - p);
                h11 += decisions[i] * decisions[i] * d2;
                h22 += d2;
                h21 += decisions[i] * d2;
                var d1 = t[i] - p;
                g1 += decisions[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5) break;
            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * da + g2 * db;
            var step = 1.0;
            while (step >= 1e-10)
            {
                var next = Objective(decisions, t, a + step * da, b + step * db);
                if (next < value + 1e-4 * step * gd)
                {
                    a += step * da;
                    b += step * db;
                    value = next;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) break;
        }
        return (a, b);
    }

    private static double Objective(IReadOnlyList<double> decisions, double[] t, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < t.Length; i++)
        {
            var z = decisions[i] * a + b;
            sum += z >= 0 ? t[i] * z + Math.Log(1 + Math.Exp(-z)) : (t[i] - 1) * z + Math.Log(1 + Math.Exp(z));
        }
        return sum;
    }
}
