using System.Globalization;

namespace CompanionBot.Storage;

public sealed class SqliteCounterStore(SqliteDatabase database) : ICounterStore
{
    public void Increment(string name, string scope, string period, int by = 1) => database.Write((_, tx) =>
    {
        Add(database, tx, new CounterIncrement(name, scope, period), by);
        return 0;
    });

    /// <summary>The one counter upsert: the turn's transaction, the stats recorder and this store all use it.</summary>
    internal static void Add(SqliteDatabase database, Microsoft.Data.Sqlite.SqliteTransaction tx, CounterIncrement counter, int by = 1)
    {
        var cmd = database.Statement("""
            INSERT INTO counters (name, scope, period, value) VALUES ($name, $scope, $period, $by)
            ON CONFLICT (name, scope, period) DO UPDATE SET value = value + excluded.value;
            """, tx);
        cmd.Parameters.AddWithValue("$name", counter.Name);
        cmd.Parameters.AddWithValue("$scope", counter.Scope);
        cmd.Parameters.AddWithValue("$period", counter.Period);
        cmd.Parameters.AddWithValue("$by", by);
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

/// <summary>Counters that live for one run (replay, eval).</summary>
public sealed class InMemoryCounterStore : ICounterStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), long> _values = new();

    public void Increment(string name, string scope, string period, int by = 1) => _values.AddOrUpdate((name, scope, period), by, (_, v) => v + by);

    public long Read(string name, string scope, string period) => _values.TryGetValue((name, scope, period), out var v) ? v : 0;
}

public static class CounterNames
{
    public const string CrisisReferrals = "crisis_referrals";
    public const string AllScopes = "all";

    public static string Year(DateTimeOffset at) => at.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);
}
