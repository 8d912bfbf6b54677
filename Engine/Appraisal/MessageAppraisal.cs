using CompanionBot.Appraisal.Semantic;
using CompanionBot.Common;

namespace CompanionBot.Appraisal;

/// <summary>The social reading of one message: which signals it carries, each with a strength in 0..1.</summary>
public sealed record MessageAppraisal(IReadOnlyDictionary<Signal, double> Signals, IReadOnlyList<string> Evidence)
{
    public static MessageAppraisal Empty { get; } = new(new Dictionary<Signal, double>(), []);

    /// <summary>The crisis risk read in this turn and carried from recent ones, even when it stays below the threshold.</summary>
    public double CrisisRisk { get; init; }

    /// <summary>
    /// Where each signal came from: a lexicon pattern, a classifier and its probability, or a structural rule. Never
    /// the message's own words, so the ledger may keep it (crisis text is never kept).
    /// </summary>
    public IReadOnlyDictionary<Signal, string> Sources { get; init; } = new Dictionary<Signal, string>();

    /// <summary>What the trained heads read (every head's best probability), or <see cref="SemanticReading.None"/> without them.</summary>
    public SemanticReading Semantic { get; init; } = SemanticReading.None;

    public bool Has(Signal signal) => Signals.ContainsKey(signal);

    public double Strength(Signal signal) => Signals.TryGetValue(signal, out var s) ? s : 0.0;

    /// <summary>The classifier's probability for a signal (0 when no head read it).</summary>
    public double Probability(Signal signal) => Semantic.Probability(signal);

    /// <summary>Signal names in a stable order, for output and tests.</summary>
    public IReadOnlyList<string> Names => Signals.Keys.OrderBy(s => (int)s).Select(s => WireNames.Of(s)).ToArray();

    /// <summary>"signal: source" lines in the order of <see cref="Names"/>, for /rapport why and the JSON outputs.</summary>
    public IReadOnlyList<string> SourceLines =>
        Signals.Keys.OrderBy(s => (int)s).Select(s => $"{WireNames.Of(s)}: {(Sources.TryGetValue(s, out var src) ? src : "rule")}").ToArray();
}
