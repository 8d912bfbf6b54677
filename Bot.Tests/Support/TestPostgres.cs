using Npgsql;

namespace CompanionBot.Tests.Support;

/// <summary>
/// A PostgreSQL server for tests, named by COMPANION_TEST_POSTGRES (scripts/pg-test-cluster.sh start prints one).
/// Each <see cref="TestPostgres"/> is a fresh schema of its own (dropped on dispose), so tests never see each
/// other's rows. Without a server a test is skipped with the reason on a developer machine, and FAILS under CI
/// (CI=true), where the server is part of the run.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    public const string Variable = "COMPANION_TEST_POSTGRES";

    private TestPostgres(string server, string schema)
    {
        Server = server;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>The server's connection string, without the test's schema.</summary>
    public string Server { get; }

    public string Schema { get; }

    /// <summary>The connection string every store of this test uses: the server with search_path = this test's schema.</summary>
    public string ConnectionString { get; }

    /// <summary>A fresh schema on the test server, or the test ends here (ignored locally, failed under CI).</summary>
    public static TestPostgres Create()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        var underCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(server))
        {
            const string why = $"PostgreSQL test skipped: {Variable} is not set (start one with scripts/pg-test-cluster.sh start and export what it prints)";
            if (underCi) Assert.Fail(why + " -- under CI the server must be there");
            Assert.Ignore(why);
        }
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            Run(server!, $"CREATE SCHEMA {schema};");
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            var why = $"PostgreSQL test skipped: cannot reach the server in {Variable}: {ex.GetType().Name} {ex.Message}";
            if (underCi) Assert.Fail(why);
            Assert.Ignore(why);
        }
        return new TestPostgres(server!, schema);
    }

    /// <summary>Runs SQL on the server as the test's superuser, in this test's schema.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        try
        {
            Run(Server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE;");
        }
        catch (NpgsqlException)
        {
            // The server went away: nothing left to clean.
        }
        NpgsqlConnection.ClearAllPools();
    }

    private static void Run(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }
}
