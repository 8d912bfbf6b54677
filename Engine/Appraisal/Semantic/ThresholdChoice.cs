namespace CompanionBot.Appraisal.Semantic;

/// <summary>Precision, recall and F1 of one head at one threshold, on a labelled set.</summary>
public sealed record HeadScore(double Threshold, int Positives, int TruePositives, int FalsePositives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// The lower end of the one-sided 95% Wilson interval of the precision: what the head can be trusted to deliver
    /// on text it has not seen, given how few firings the validation split had (10 of 11 right is not 91%).
    /// </summary>
    public double PrecisionLowerBound
    {
        get
        {
            var n = TruePositives + FalsePositives;
            if (n == 0) return 0;
            const double z = 1.645;
            var p = Precision;
            var centre = p + z * z / (2 * n);
            var margin = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
            return (centre - margin) / (1 + z * z / n);
        }
    }
}

/// <summary>
/// Picks a head's thresholds on the validation split. Every head fires at its best F0.5 (precision weighed over
/// recall; ties to the higher threshold), never below an even chance (<see cref="Default"/>). Crisis has two, both set by
/// recall, because a missed crisis costs more than a check-in: it fires (the crisis protocol) at the highest threshold
/// that still catches <see cref="CrisisFireRecall"/> of the crisis examples, and is plausible (care: no tease, a
/// check-in) at the highest threshold that still catches <see cref="CrisisRecall"/>. (Until issue 20 it fired at the
/// lowest threshold with precision 0.90: on a tune split full of deliberate look-alikes that moved the threshold from
/// 0.60 to 0.70 and the head's recall from 0.77 to 0.67 when the data grew.)
/// </summary>
public static class ThresholdChoice
{
    public const double Default = 0.5;
    public const double CrisisRecall = 0.90;
    public const double CrisisFireRecall = 0.80;

    public static HeadScore Score(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        int positives = 0, tp = 0, fp = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var fired = probabilities[i] >= threshold;
            if (labels[i]) positives++;
            if (fired && labels[i]) tp++;
            if (fired && !labels[i]) fp++;
        }
        return new HeadScore(threshold, positives, tp, fp);
    }

    public static (double Threshold, double Care) Choose(Signal signal, IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        if (!labels.Any(l => l)) return (Default, Default);
        var grid = Enumerable.Range(1, 19).Select(k => Math.Round(k * 0.05, 2)).ToArray();
        if (signal != Signal.Crisis)
        {
            var t = Best(grid.Where(g => g >= Default).ToArray(), probabilities, labels, 0.5);
            return (t, t);
        }
        var care = grid.Reverse().FirstOrDefault(t => Score(probabilities, labels, t).Recall >= CrisisRecall, 0.05);
        var fire = Math.Max(care, grid.Reverse().FirstOrDefault(t => t >= Default && Score(probabilities, labels, t).Recall >= CrisisFireRecall, Default));
        return (fire, care);
    }

    private static double Best(double[] grid, IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double beta)
    {
        var best = Default;
        var bestScore = -1.0;
        var b2 = beta * beta;
        foreach (var t in grid)
        {
            var s = Score(probabilities, labels, t);
            var f = s.Precision + s.Recall == 0 ? 0 : (1 + b2) * s.Precision * s.Recall / (b2 * s.Precision + s.Recall);
            if (f >= bestScore - 1e-12)
            {
                bestScore = f;
                best = t;
            }
        }
        return best;
    }
}
