using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CompanionBot.Storage;

/// <summary>The kinds of storage failure the pipeline treats differently.</summary>
public enum StorageFault
{
    /// <summary>Anything else (a bad row, a constraint, a bug): reported, not waited out.</summary>
    Other,

    /// <summary>The store cannot be reached for now: connection refused or broken, the server shutting down or starting
    /// (PostgreSQL 57P01, 57P03, class 08), or SQLite busy past its timeout. A turn waits for it to come back.</summary>
    Unreachable,

    /// <summary>No room left to write (SQLite SQLITE_FULL, PostgreSQL 53100): nothing is written, the member is told.</summary>
    Full,
}

/// <summary>Reads a storage failure's kind from the driver's error, wherever in the exception chain it sits.</summary>
public static class StorageFaults
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;

    public static StorageFault Of(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageException { Fault: not StorageFault.Other } storage:
                    return storage.Fault;
                case SqliteException sqlite:
                    return (sqlite.SqliteErrorCode & 0xFF) switch
                    {
                        SqliteBusy or SqliteLocked => StorageFault.Unreachable,
                        SqliteFull => StorageFault.Full,
                        _ => StorageFault.Other,
                    };
                case PostgresException postgres:
                    return Of(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.InnerException is not PostgresException:
                    // Not the server's answer: the socket (refused, reset, closed mid-read) or a timeout, so the server
                    // is away or the pooled connection broke.
                    return StorageFault.Unreachable;
                case SocketException or IOException or TimeoutException:
                    return StorageFault.Unreachable;
            }
        }
        return StorageFault.Other;
    }

    /// <summary>PostgreSQL's SQLSTATE: class 08 (connection), 57P01-57P03 (shutting down, crash, starting), 53300 (too
    /// many connections) are the server being away for now; 53100 is a full disk.</summary>
    public static StorageFault Of(string sqlState) => sqlState switch
    {
        "53100" => StorageFault.Full,
        "57P01" or "57P02" or "57P03" or "53300" => StorageFault.Unreachable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFault.Unreachable,
        _ => StorageFault.Other,
    };
}
