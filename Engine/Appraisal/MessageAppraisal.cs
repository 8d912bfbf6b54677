using CompanionBot.Common;

namespace CompanionBot.Appraisal;

/// <summary>The social reading of one message: which signals it carries, each with a strength in 0..1.</summary>
public sealed record MessageAppraisal(IReadOnlyDictionary<Signal, double> Signals, IReadOnlyList<string> Evidence)
{
    public static MessageAppraisal Empty { get; } = new(new Dictionary<Signal, double>(), []);

    /// <summary>The crisis risk read in this turn and carried from recent ones, even when it stays below the threshold.</summary>
    public double CrisisRisk { get; init; }

    public bool Has(Signal signal) => Signals.ContainsKey(signal);

    public double Strength(Signal signal) => Signals.TryGetValue(signal, out var s) ? s : 0.0;

    /// <summary>Signal names in a stable order, for output and tests.</summary>
    public IReadOnlyList<string> Names => Signals.Keys.OrderBy(s => (int)s).Select(s => WireNames.Of(s)).ToArray();
}
