using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>The anonymous <c>counters</c> table on PostgreSQL, one naming scheme (<see cref="CounterNames"/>).</summary>
public sealed class PostgresStatsStore(PostgresDatabase database) : ICounterReader
{
    internal static NpgsqlBatchCommand Add(CounterIncrement counter) => PostgresLedgerStore.Command("""
        INSERT INTO counters (name, scope, period, value) VALUES ($1, $2, $3, 1)
        ON CONFLICT (name, scope, period) DO UPDATE SET value = counters.value + 1;
        """, counter.Name, counter.Scope, counter.Period);

    public IReadOnlyList<CounterValue> Read(string scope) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT name, period, value FROM counters WHERE scope = $1 ORDER BY period DESC, name;", connection);
        cmd.Parameters.AddWithValue(scope);
        using var reader = cmd.ExecuteReader();
        var values = new List<CounterValue>();
        while (reader.Read()) values.Add(new CounterValue(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return values;
    });

    public long Total(string name, string? scope, string periodPrefix) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand(
            "SELECT COALESCE(SUM(value), 0)::bigint FROM counters WHERE name = $1 AND starts_with(period, $2) AND ($3::text IS NULL OR scope = $3);",
            connection);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(periodPrefix);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)cmd.ExecuteScalar()!;
    });
}
