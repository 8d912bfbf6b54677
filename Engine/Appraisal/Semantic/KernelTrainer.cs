namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Trains one head's machine: a C-support-vector classifier with classes weighted to equal mass, its Platt sigmoid
/// fitted on decision values from <see cref="Folds"/>-fold cross-validation (example i in fold i mod Folds), then the
/// machine retrained on every example. The result names its support vectors by their index in the training set.
/// </summary>
public static class KernelTrainer
{
    public const int Folds = 3;

    /// <param name="Cost">The box constraint C before class weighting: higher fits the training examples more tightly.</param>
    /// <param name="Gamma">The RBF width on unit sentence vectors: exp(-gamma * |a - b|^2).</param>
    public sealed record Options(double Cost = 3.0, double Gamma = 2.0);

    /// <summary>A trained machine over training-set indexes (<see cref="KernelModel.Support"/> are row numbers).</summary>
    public static KernelModel Train(KernelMatrix kernel, IReadOnlyList<bool> positive, double cost)
    {
        var n = kernel.Size;
        var decisions = new double[n];
        for (var fold = 0; fold < Folds; fold++)
        {
            var rows = Enumerable.Range(0, n).Where(i => i % Folds != fold).ToArray();
            var solution = SmoSolver.Solve(kernel, rows, rows.Select(i => positive[i]).ToArray(), Costs(rows, positive, cost));
            for (var h = fold; h < n; h += Folds) decisions[h] = Decision(kernel, rows, positive, solution, h);
        }
        var (a, b) = PlattScaling.Fit(decisions, positive);

        var all = Enumerable.Range(0, n).ToArray();
        var final = SmoSolver.Solve(kernel, all, positive, Costs(all, positive, cost));
        var support = all.Where(i => final.Alpha[i] > 0).ToArray();
        var coefficients = support.Select(i => (float)(final.Alpha[i] * (positive[i] ? 1 : -1))).ToArray();
        return new KernelModel(final.Rho, a, b, support, coefficients);
    }

    private static double[] Costs(IReadOnlyList<int> rows, IReadOnlyList<bool> positive, double cost)
    {
        var positives = rows.Count(i => positive[i]);
        var negatives = rows.Count - positives;
        var up = positives == 0 ? cost : cost * rows.Count / (2.0 * positives);
        var down = negatives == 0 ? cost : cost * rows.Count / (2.0 * negatives);
        return rows.Select(i => positive[i] ? up : down).ToArray();
    }

    private static double Decision(KernelMatrix kernel, int[] rows, IReadOnlyList<bool> positive, SmoSolver.Solution solution, int example)
    {
        var row = kernel.Row(example);
        var sum = -solution.Rho;
        for (var k = 0; k < rows.Length; k++)
        {
            if (solution.Alpha[k] > 0) sum += solution.Alpha[k] * (positive[rows[k]] ? 1 : -1) * row[rows[k]];
        }
        return sum;
    }
}
