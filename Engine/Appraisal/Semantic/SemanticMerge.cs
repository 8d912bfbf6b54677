using System.Globalization;
using CompanionBot.Common;

namespace CompanionBot.Appraisal.Semantic;

/// <summary>
/// Folds the heads' reading into the lexicon's signals: a signal is the stronger of the two, and its source says which.
/// Only a trusted head (validation precision, at the lower end of its interval, at least <see cref="TrustedPrecision"/>)
/// raises a signal; a head at its
/// threshold gives strength 0.5, rising to 1 at certainty. Untrusted or sub-threshold readings stay in the reading,
/// where the stance rules use them to stay careful (no tease where distress or risk is plausible).
/// </summary>
public static class SemanticMerge
{
    public const double TrustedPrecision = 0.8;

    /// <summary>Signals the heads never decide: an age needs the number the lexicon reads.</summary>
    public static readonly IReadOnlySet<Signal> LexiconOnly = new HashSet<Signal> { Signal.AdultAge };

    /// <summary>
    /// Distress read by a head says that distress is there, not how deep: its strength stops below the level at which
    /// the stance rules switch to care mode, which stays for explicit words, heavy topics, leaning and friction.
    /// </summary>
    public const double DistressCeiling = 0.7;

    public static void Apply(SemanticReading reading, Dictionary<Signal, double> signals, Dictionary<Signal, string> sources, List<string> evidence)
    {
        foreach (var (signal, head) in reading.Heads.OrderBy(h => (int)h.Key))
        {
            if (LexiconOnly.Contains(signal) || !head.Fired || head.Precision < TrustedPrecision) continue;
            var strength = 0.5 + 0.5 * (head.Probability - head.Threshold) / Math.Max(1e-6, 1 - head.Threshold);
            if (signal is Signal.Vulnerability or Signal.SelfDeprecation) strength = Math.Min(strength, DistressCeiling);
            strength = Math.Round(Math.Clamp(strength, 0, 1), 3);
            var source = string.Create(CultureInfo.InvariantCulture, $"classifier p={head.Probability:0.00} (threshold {head.Threshold:0.00}, {head.Part})");
            Raise(signals, sources, evidence, signal, strength, source);
        }
    }

    private static void Raise(Dictionary<Signal, double> signals, Dictionary<Signal, string> sources, List<string> evidence, Signal signal, double strength, string source)
    {
        if (signals.TryGetValue(signal, out var current) && current >= strength) return;
        signals[signal] = strength;
        sources[signal] = source;
        evidence.Add($"{WireNames.Of(signal)}: {source}");
    }
}
