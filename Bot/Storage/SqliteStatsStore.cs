using System.Globalization;
using CompanionBot.Common;
using CompanionBot.Stances;

namespace CompanionBot.Storage;

/// <summary>
/// Anonymous counters per server for /companion stats: how often each stance was taken and how often crisis
/// resources were given. Never a member id, never message content. The pipeline asks <see cref="CountersFor"/> once per
/// reply and writes the increments with the rest of that turn, in its one transaction; nothing is recorded here.
/// </summary>
public interface IStatsRecorder
{
    /// <summary>The counters one reply adds, written with the rest of the turn in one transaction.</summary>
    IReadOnlyList<CounterIncrement> CountersFor(string scope, StanceDecision decision, DateTimeOffset at);
}

/// <summary>One counter of a scope in one period (a UTC month, "2026-06").</summary>
public sealed record CounterValue(string Name, string Period, long Value);

/// <summary>The <c>counters</c> table (name, scope, period, value), one increment per reply in one transaction.</summary>
public sealed class SqliteStatsStore(SqliteDatabase database) : IStatsRecorder
{
    public const string StancePrefix = "stance.";
    public const string SafetyReferral = "safety.referral";

    public static string PeriodOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public IReadOnlyList<CounterIncrement> CountersFor(string scope, StanceDecision decision, DateTimeOffset at)
    {
        var period = PeriodOf(at);
        var names = new List<CounterIncrement> { new(StancePrefix + WireNames.Of(decision.Stance), scope, period) };
        if (decision.Has(Directive.CrisisResources)) names.Add(new(SafetyReferral, scope, period));
        return names;
    }

    public IReadOnlyList<CounterValue> Read(string scope) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name, period, value FROM counters WHERE scope = $scope ORDER BY period DESC, name;";
        cmd.Parameters.AddWithValue("$scope", scope);
        using var reader = cmd.ExecuteReader();
        var values = new List<CounterValue>();
        while (reader.Read()) values.Add(new CounterValue(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return values;
    });
}
