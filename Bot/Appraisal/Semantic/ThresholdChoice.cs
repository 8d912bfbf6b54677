namespace CompanionBot.Appraisal.Semantic;

/// <summary>Precision, recall and F1 of one head at one threshold, on a labelled set.</summary>
public sealed record HeadScore(double Threshold, int Positives, int TruePositives, int FalsePositives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Picks a head's threshold on the validation split: crisis for recall (the highest threshold that still reaches
/// <see cref="CrisisRecall"/>, never above 0.5), every other head for F1 with ties going to the higher threshold.
/// </summary>
public static class ThresholdChoice
{
    public const double CrisisRecall = 0.95;
    public const double Default = 0.5;

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

    public static double Choose(Signal signal, IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        if (!labels.Any(l => l)) return Default;
        var grid = Enumerable.Range(4, 17).Select(k => k * 0.05).ToArray(); // 0.20 .. 1.00
        if (signal == Signal.Crisis)
        {
            var candidates = Enumerable.Range(1, 10).Select(k => k * 0.05).Reverse(); // 0.50 down to 0.05
            foreach (var t in candidates)
            {
                if (Score(probabilities, labels, t).Recall >= CrisisRecall) return Math.Round(t, 2);
            }
            return 0.05;
        }
        var best = Default;
        var bestF1 = -1.0;
        foreach (var t in grid.Where(t => t < 0.99))
        {
            var f1 = Score(probabilities, labels, t).F1;
            if (f1 >= bestF1 - 1e-12)
            {
                bestF1 = f1;
                best = Math.Round(t, 2);
            }
        }
        return best;
    }
}
