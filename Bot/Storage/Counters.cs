using System.Globalization;
using CompanionBot.Common;
using CompanionBot.Stances;

namespace CompanionBot.Storage;

/// <summary>
/// The one naming scheme of the anonymous <c>counters</c> table: (name, scope, period = UTC month "2026-06"), never a
/// member id, never content. A crisis referral is one <see cref="SafetyReferral"/> row increment in its scope's month;
/// a year's total across every scope (what an annual report needs) is a sum over those rows, not a second counter.
/// </summary>
public static class CounterNames
{
    public const string StancePrefix = "stance.";
    public const string SafetyReferral = "safety.referral";

    public static string PeriodOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string YearOf(DateTimeOffset at) => at.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One counter of a scope in one period (a UTC month, "2026-06").</summary>
public sealed record CounterValue(string Name, string Period, long Value);

/// <summary>Reads the anonymous counters back (/companion stats, yearly referral totals).</summary>
public interface ICounterReader
{
    /// <summary>Every counter of a scope, newest period first.</summary>
    IReadOnlyList<CounterValue> Read(string scope);

    /// <summary>The sum of one counter over every scope (scope null) or one, in periods starting with <paramref name="periodPrefix"/> ("2026").</summary>
    long Total(string name, string? scope, string periodPrefix);
}

/// <summary>
/// Anonymous counters per server for /companion stats: how often each stance was taken and how often crisis
/// resources were given. They are written with the turn that earns them, in its transaction.
/// </summary>
public interface IStatsRecorder
{
    /// <summary>The counters one reply adds, written with the rest of the turn in one transaction.</summary>
    IReadOnlyList<CounterIncrement> CountersFor(string scope, StanceDecision decision, DateTimeOffset at);
}

/// <summary>The counting rule, the same on every provider: one stance counter per reply, one referral per crisis-resources reply.</summary>
public sealed class TurnCounters : IStatsRecorder
{
    public static readonly TurnCounters Instance = new();

    public IReadOnlyList<CounterIncrement> CountersFor(string scope, StanceDecision decision, DateTimeOffset at)
    {
        var period = CounterNames.PeriodOf(at);
        var names = new List<CounterIncrement> { new(CounterNames.StancePrefix + WireNames.Of(decision.Stance), scope, period) };
        if (decision.Has(Directive.CrisisResources)) names.Add(new(CounterNames.SafetyReferral, scope, period));
        return names;
    }
}
