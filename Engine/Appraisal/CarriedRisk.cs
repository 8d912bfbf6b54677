namespace CompanionBot.Appraisal;

/// <summary>
/// The crisis risk that recent turns leave behind, so that implicit cues add up across messages: a number and the
/// time it was set, never text. It halves every <see cref="HalfLife"/>. The ledger stores it per relationship and hands
/// it back to the appraiser with the next message.
/// </summary>
public readonly record struct CarriedRisk(double Level, DateTimeOffset? SetAt)
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromMinutes(45);

    public static CarriedRisk None => default;

    /// <summary>What is left of the risk at <paramref name="now"/>.</summary>
    public double DecayedTo(DateTimeOffset now)
    {
        if (SetAt is not { } at || Level <= 0) return 0;
        var elapsed = Math.Max(0, (now - at).TotalMinutes);
        return Level * Math.Pow(0.5, elapsed / HalfLife.TotalMinutes);
    }

    /// <summary>The risk this message leaves for the next turns: its own reading, or what was carried, slightly faded.</summary>
    public double After(MessageAppraisal appraisal, DateTimeOffset now) =>
        Math.Min(1, Math.Max(appraisal.CrisisRisk, DecayedTo(now) * 0.8));
}
