using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CompanionBot.Storage;

/// <summary>
/// The ledger file: one writer connection (writes are serialised) and reader connections of their own (WAL lets a
/// read see the last commit while the next one syncs, so a read never waits out a commit). Every connection gets WAL,
/// synchronous=FULL, secure_delete=ON, foreign keys, in-memory temp storage and a busy timeout; readers are also
/// query_only. Migrations run once on open. A read is one read transaction (one snapshot for all its statements).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly SqliteReaders _readers;

    public SqliteDatabase(IOptions<StorageOptions> options)
        : this(options.Value.DatabasePath, options.Value.BusyTimeoutSeconds, secureDelete: true)
    {
    }

    /// <param name="secureDelete">Only tests turn this off, to prove the deletion test can see a remnant.</param>
    public SqliteDatabase(string path, int busyTimeoutSeconds, bool secureDelete)
    {
        DatabasePath = Path.GetFullPath(path);
        try
        {
            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = DatabasePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = Math.Max(1, busyTimeoutSeconds),
            }.ToString());
            _connection.Open();
            ApplyPragmas(busyTimeoutSeconds, secureDelete);
            Migrate();
            _readers = new SqliteReaders(_connection.ConnectionString, Pragmas(busyTimeoutSeconds, secureDelete) + "\nPRAGMA query_only = ON;");
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _connection?.Dispose();
            throw new StorageException($"cannot use the database at {DatabasePath}: {Describe(ex)}", ex);
        }
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Runs <paramref name="query"/> on a reader connection in one read transaction, without waiting for a commit in
    /// flight. Inside <see cref="Write{T}"/> it runs on the writer (and sees the write's own rows); nested, on the
    /// same reader.
    /// </summary>
    public T Read<T>(Func<SqliteConnection, T> query)
    {
        if (_gate.IsHeldByCurrentThread) return query(_connection);
        try
        {
            return _readers.Read(query);
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            throw new StorageException($"the database at {DatabasePath} is closed");
        }
    }

    /// <summary>Runs <paramref name="work"/> in one durable transaction (BEGIN IMMEDIATE).</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            var result = work(_connection, tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>
    /// A command for <paramref name="sql"/>, prepared on first use and reused after (parsing a statement costs about
    /// as much as running it on the hot path), with its parameters cleared and <paramref name="tx"/> set. Only inside
    /// <see cref="Read{T}"/> or <see cref="Write{T}"/>, which hold the lock; never dispose it.
    /// </summary>
    public SqliteCommand Statement(string sql, SqliteTransaction? tx = null)
    {
        if (!_gate.IsHeldByCurrentThread)
        {
            if (tx is null && _readers.Statement(sql) is { } read) return read;
            throw new InvalidOperationException("Statement is only for use inside Read or Write");
        }
        if (!_statements.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            _statements[sql] = cmd;
        }
        cmd.Parameters.Clear();
        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>
    /// Moves every committed page into the main file and truncates the WAL to zero bytes. No read is in flight
    /// meanwhile (a reader's snapshot would keep the WAL, and the deleted rows in it, alive); new reads wait for it.
    /// </summary>
    public void CheckpointTruncate()
    {
        _readers.Exclusive(() =>
        {
            lock (_gate)
            {
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    using var cmd = _connection.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    using var reader = cmd.ExecuteReader();
                    if (reader.Read() && reader.GetInt32(0) == 0) return;
                }
            }
        });
    }

    public object? Pragma(string name)
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"PRAGMA {name};";
            return cmd.ExecuteScalar();
        }
    }

    private volatile bool _disposed;

    public void Dispose()
    {
        _disposed = true;
        _readers.Dispose();
        lock (_gate)
        {
            foreach (var cmd in _statements.Values) cmd.Dispose();
            _statements.Clear();
            _connection.Dispose();
        }
    }

    private void ApplyPragmas(int busyTimeoutSeconds, bool secureDelete) => Execute("PRAGMA journal_mode = WAL;\n" + Pragmas(busyTimeoutSeconds, secureDelete));

    /// <summary>The per-connection settings, on the writer and on every reader.</summary>
    private static string Pragmas(int busyTimeoutSeconds, bool secureDelete) => $"""
        PRAGMA synchronous = FULL;
        PRAGMA secure_delete = {(secureDelete ? "ON" : "OFF")};
        PRAGMA foreign_keys = ON;
        PRAGMA temp_store = MEMORY;
        PRAGMA journal_size_limit = 4194304;
        PRAGMA busy_timeout = {busyTimeoutSeconds * 1000};
        """;

    private void Migrate()
    {
        var current = Convert.ToInt32(Pragma("user_version"), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (version, sql) in SchemaMigrations.Steps)
        {
            if (version <= current) continue;
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var cmd = _connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = sql + $"\nPRAGMA user_version = {version};";
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Describe(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 26 } => "the file is not a SQLite database (corrupt or another kind of file)",
        SqliteException { SqliteErrorCode: 11 } => "the database file is corrupt",
        SqliteException { SqliteErrorCode: 14 } => "the file cannot be opened (check the path and its permissions)",
        SqliteException { SqliteErrorCode: 8 } => "the file is read-only",
        SqliteException s => s.Message.Replace("SQLite Error", "SQLite error", StringComparison.Ordinal),
        _ => ex.Message,
    };
}
