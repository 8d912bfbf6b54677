using System.Globalization;

namespace CompanionBot.Storage;

/// <summary>
/// The anonymous <c>counters</c> table (name, scope, period, no member id). Counters are written with the turn that
/// earns them (<see cref="TurnRecord.Counters"/>), through <see cref="Add"/>; this class also reads them back.
/// </summary>
public sealed class SqliteCounterStore(SqliteDatabase database)
{
    /// <summary>The one counter upsert, inside the caller's transaction.</summary>
    internal static void Add(SqliteDatabase database, Microsoft.Data.Sqlite.SqliteTransaction tx, CounterIncrement counter)
    {
        var cmd = database.Statement("""
            INSERT INTO counters (name, scope, period, value) VALUES ($name, $scope, $period, 1)
            ON CONFLICT (name, scope, period) DO UPDATE SET value = value + 1;
            """, tx);
        cmd.Parameters.AddWithValue("$name", counter.Name);
        cmd.Parameters.AddWithValue("$scope", counter.Scope);
        cmd.Parameters.AddWithValue("$period", counter.Period);
        cmd.ExecuteNonQuery();
    }

    public long Read(string name, string scope, string period) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM counters WHERE name = $name AND scope = $scope AND period = $period;";
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$scope", scope);
        cmd.Parameters.AddWithValue("$period", period);
        return cmd.ExecuteScalar() is long v ? v : 0;
    });
}

public static class CounterNames
{
    public const string CrisisReferrals = "crisis_referrals";
    public const string AllScopes = "all";

    /// <summary>Messages dropped as flood, per scope and month (never a member id).</summary>
    public const string FloodDropped = "flood.dropped";

    public static string Year(DateTimeOffset at) => at.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);
}
