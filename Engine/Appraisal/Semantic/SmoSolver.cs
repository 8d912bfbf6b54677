namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// The dual of a C-support-vector classifier, solved by sequential minimal optimisation with second-order working-set
/// selection (Fan, Chen and Lin, JMLR 2005, as in LIBSVM): minimise 1/2 a'Qa - e'a subject to y'a = 0 and
/// 0 &lt;= a_i &lt;= C_i, with Q_ij = y_i y_j K_ij. Deterministic: no shrinking, no randomness, a fixed scan order.
/// </summary>
public static class SmoSolver
{
    public const double Tolerance = 1e-3;
    private const double Tau = 1e-12;

    /// <summary>The solution: a dual weight per example (in the order of <c>rows</c>) and the offset rho.</summary>
    public sealed record Solution(double[] Alpha, double Rho, int Iterations);

    /// <param name="kernel">The kernel over all training vectors.</param>
    /// <param name="rows">Which of the kernel's vectors take part (a cross-validation fold uses a subset).</param>
    /// <param name="positive">Per row: is it an example of the signal.</param>
    /// <param name="cost">Per row: its box constraint C_i (class-weighted).</param>
    public static Solution Solve(KernelMatrix kernel, IReadOnlyList<int> rows, IReadOnlyList<bool> positive, IReadOnlyList<double> cost, int maxIterations = 1_000_000)
    {
        var n = rows.Count;
        var y = positive.Select(p => p ? 1.0 : -1.0).ToArray();
        var alpha = new double[n];
        var gradient = Enumerable.Repeat(-1.0, n).ToArray();
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            var (i, j) = SelectWorkingSet(kernel, rows, y, cost, alpha, gradient);
            if (i < 0) break;
            Update(kernel, rows, y, cost, alpha, gradient, i, j);
        }
        return new Solution(alpha, Rho(y, cost, alpha, gradient), iteration);
    }

    private static (int I, int J) SelectWorkingSet(KernelMatrix kernel, IReadOnlyList<int> rows, double[] y, IReadOnlyList<double> cost, double[] alpha, double[] gradient)
    {
        var n = alpha.Length;
        var gmax = double.NegativeInfinity;
        var i = -1;
        for (var t = 0; t < n; t++)
        {
            if (y[t] > 0 ? alpha[t] < cost[t] : alpha[t] > 0)
            {
                var v = -y[t] * gradient[t];
                if (v >= gmax)
                {
                    gmax = v;
                    i = t;
                }
            }
        }
        if (i < 0) return (-1, -1);
        var rowI = kernel.Row(rows[i]);
        var kii = rowI[rows[i]];
        var gmax2 = double.NegativeInfinity;
        var j = -1;
        var best = double.PositiveInfinity;
        for (var t = 0; t < n; t++)
        {
            if (!(y[t] > 0 ? alpha[t] > 0 : alpha[t] < cost[t])) continue;
            var v = y[t] * gradient[t];
            if (v >= gmax2) gmax2 = v;
            var diff = gmax + v;
            if (diff <= 0) continue;
            var quad = kii + kernel[rows[t], rows[t]] - 2.0 * rowI[rows[t]];
            var objective = -(diff * diff) / (quad > 0 ? quad : Tau);
            if (objective <= best)
            {
                best = objective;
                j = t;
            }
        }
        return gmax + gmax2 < Tolerance || j < 0 ? (-1, -1) : (i, j);
    }

    private static void Update(KernelMatrix kernel, IReadOnlyList<int> rows, double[] y, IReadOnlyList<double> cost, double[] alpha, double[] gradient, int i, int j)
    {
        var rowI = kernel.Row(rows[i]);
        var rowJ = kernel.Row(rows[j]);
        double ci = cost[i], cj = cost[j];
        double oldI = alpha[i], oldJ = alpha[j];
        var kij = rowI[rows[j]];
        var quad = rowI[rows[i]] + rowJ[rows[j]] - 2.0 * kij;
        if (quad <= 0) quad = Tau;
        if (y[i] != y[j])
        {
            var delta = (-gradient[i] - gradient[j]) / quad;
            var diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0 && alpha[j] < 0) (alpha[j], alpha[i]) = (0, diff);
            else if (diff <= 0 && alpha[i] < 0) (alpha[i], alpha[j]) = (0, -diff);
            if (diff > ci - cj && alpha[i] > ci) (alpha[i], alpha[j]) = (ci, ci - diff);
            else if (diff <= ci - cj && alpha[j] > cj) (alpha[j], alpha[i]) = (cj, cj + diff);
        }
        else
        {
            var delta = (gradient[i] - gradient[j]) / quad;
            var sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > ci && alpha[i] > ci) (alpha[i], alpha[j]) = (ci, sum - ci);
            else if (sum <= ci && alpha[j] < 0) (alpha[j], alpha[i]) = (0, sum);
            if (sum > cj && alpha[j] > cj) (alpha[j], alpha[i]) = (cj, sum - cj);
            else if (sum <= cj && alpha[i] < 0) (alpha[i], alpha[j]) = (0, sum);
        }
        var dI = (alpha[i] - oldI) * y[i];
        var dJ = (alpha[j] - oldJ) * y[j];
        for (var k = 0; k < alpha.Length; k++) gradient[k] += y[k] * (rowI[rows[k]] * dI + rowJ[rows[k]] * dJ);
    }

    /// <summary>The offset: the mean of y_i G_i over free examples, or the middle of the feasible interval if none.</summary>
    private static double Rho(double[] y, IReadOnlyList<double> cost, double[] alpha, double[] gradient)
    {
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        var free = 0;
        for (var i = 0; i < alpha.Length; i++)
        {
            var yg = y[i] * gradient[i];
            var atUpper = alpha[i] >= cost[i];
            var atLower = alpha[i] <= 0;
            if (atUpper)
            {
                if (y[i] < 0) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else if (atLower)
            {
                if (y[i] > 0) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else
            {
                free++;
                sumFree += yg;
            }
        }
        return free > 0 ? sumFree / free : (upper + lower) / 2;
    }
}
