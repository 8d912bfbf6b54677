namespace CompanionBot.Personas.Rules;

/// <summary>The only values rules may read: a snapshot of the ledger and the appraisal, by fact name.</summary>
public sealed class StanceFacts
{
    private readonly Dictionary<string, double> _values;

    public StanceFacts(Dictionary<string, double> values) => _values = values;

    /// <summary>Unknown facts read as 0 (validation rejects them before any rule runs).</summary>
    public double Get(string fact) => _values.TryGetValue(fact, out var v) ? v : 0.0;
}
