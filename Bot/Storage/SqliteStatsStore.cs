using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Storage;

/// <summary>The <c>counters</c> table on SQLite: written inside the turn's transaction (<see cref="Add"/>), read by /companion stats.</summary>
public sealed class SqliteStatsStore(SqliteDatabase database) : ICounterReader
{
    /// <summary>The one counter upsert, inside the caller's transaction.</summary>
    internal static void Add(SqliteDatabase database, SqliteTransaction tx, CounterIncrement counter)
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

    public long Total(string name, string? scope, string periodPrefix) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(SUM(value), 0) FROM counters WHERE name = $name AND substr(period, 1, length($prefix)) = $prefix"
            + (scope is null ? ";" : " AND scope = $scope;");
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$prefix", periodPrefix);
        if (scope is not null) cmd.Parameters.AddWithValue("$scope", scope);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    });
}
