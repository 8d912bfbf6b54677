using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Storage;

/// <summary>
/// The reader connections of <see cref="SqliteDatabase"/>: opened on demand, one per concurrent read, kept for reuse
/// (each with its prepared statements). A read runs in one read transaction (BEGIN ... COMMIT), so its statements
/// share a snapshot; <see cref="Exclusive"/> waits until no read is in flight and holds new ones back (the
/// checkpoint that truncates the WAL after a deletion).
/// </summary>
internal sealed class SqliteReaders(string connectionString, string pragmas) : IDisposable
{
    /// <summary>Idle readers kept beyond this are closed.</summary>
    public const int MaxIdle = 8;

    private readonly ConcurrentStack<Reader> _idle = new();
    private readonly ReaderWriterLockSlim _inFlight = new(LockRecursionPolicy.NoRecursion);
    private readonly ThreadLocal<Reader?> _current = new();
    private bool _disposed;

    public T Read<T>(Func<SqliteConnection, T> query)
    {
        if (_current.Value is { } nested) return query(nested.Connection);
        _inFlight.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var reader = _idle.TryPop(out var idle) ? idle : Open();
            _current.Value = reader;
            try
            {
                reader.Execute("BEGIN;");
                try
                {
                    return query(reader.Connection);
                }
                finally
                {
                    reader.Execute("COMMIT;");
                }
            }
            finally
            {
                _current.Value = null;
                if (_idle.Count < MaxIdle) _idle.Push(reader);
                else reader.Dispose();
            }
        }
        finally
        {
            _inFlight.ExitReadLock();
        }
    }

    /// <summary>The reader of this thread's read in flight: <paramref name="sql"/> prepared on it; null outside a read.</summary>
    public SqliteCommand? Statement(string sql) => _current.Value?.Statement(sql);

    /// <summary>Runs <paramref name="work"/> with no read in flight (new reads wait until it returns).</summary>
    public void Exclusive(Action work)
    {
        _inFlight.EnterWriteLock();
        try
        {
            work();
        }
        finally
        {
            _inFlight.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _inFlight.EnterWriteLock();
        try
        {
            _disposed = true;
            while (_idle.TryPop(out var reader)) reader.Dispose();
        }
        finally
        {
            _inFlight.ExitWriteLock();
        }
    }

    private Reader Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var reader = new Reader(connection);
            reader.Execute(pragmas);
            return reader;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Reader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

        public SqliteConnection Connection => connection;

        public SqliteCommand Statement(string sql)
        {
            if (!_statements.TryGetValue(sql, out var cmd))
            {
                cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                _statements[sql] = cmd;
            }
            cmd.Parameters.Clear();
            return cmd;
        }

        public void Execute(string sql)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }

        public void Dispose()
        {
            foreach (var cmd in _statements.Values) cmd.Dispose();
            connection.Dispose();
        }
    }
}
