using Microsoft.Extensions.Options;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// The shared ledger on PostgreSQL: one pooled <see cref="NpgsqlDataSource"/> per process, the schema migrated once on
/// open (under an advisory lock, so processes starting together do not race), every write one transaction with
/// synchronous commit (PostgreSQL's default: durable when Commit returns). Error messages never carry the password.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private const long MigrationLock = 0x436F6D70616E6F6E; // "Companon": any fixed number shared by every process

    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(IOptions<StorageOptions> options)
        : this(options.Value.ConnectionString)
    {
    }

    public PostgresDatabase(string connectionString)
    {
        Secrets = new ConnectionSecrets(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageException("Storage:ConnectionString is empty: Storage:Provider=postgres needs one (Storage__ConnectionString)");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            Target = $"{builder.Host}:{builder.Port}/{builder.Database}";
            _source = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
            Migrate();
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            _source?.Dispose();
            throw new StorageException($"cannot use the PostgreSQL database {Target ?? "(connection string not understood)"}: {Secrets.Redact(ex.Message)}");
        }
    }

    /// <summary>host:port/database, safe to log (no user, no password).</summary>
    public string? Target { get; }

    internal ConnectionSecrets Secrets { get; }

    public T Read<T>(Func<NpgsqlConnection, T> query)
    {
        try
        {
            using var connection = _source.OpenConnection();
            return query(connection);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it (durably: synchronous_commit is on).</summary>
    public T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work)
    {
        try
        {
            using var connection = _source.OpenConnection();
            using var tx = connection.BeginTransaction();
            var result = work(connection, tx);
            tx.Commit();
            return result;
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>A connection of its own (the caller disposes it): member leases hold one for a whole turn.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>Runs a statement outside any transaction (VACUUM cannot run inside one).</summary>
    public void Execute(string sql) => Read(connection =>
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        return cmd.ExecuteNonQuery();
    });

    public void Dispose() => _source.Dispose();

    /// <summary>The inner exception is left out on purpose: only the redacted message and the kind of failure leave this class.</summary>
    internal StorageException Failure(NpgsqlException ex) => new($"PostgreSQL {Target}: {Secrets.Redact(ex.Message)}") { Fault = StorageFaults.Of(ex) };

    private void Migrate()
    {
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var cmd = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, connection, tx))
        {
            cmd.ExecuteNonQuery();
        }
        var applied = new HashSet<int>();
        using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection, tx))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) applied.Add(reader.GetInt32(0));
        }
        foreach (var (version, sql) in PostgresSchema.Steps)
        {
            if (applied.Contains(version)) continue;
            using var cmd = new NpgsqlCommand(sql + $"\nINSERT INTO schema_migrations (version) VALUES ({version});", connection, tx);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
