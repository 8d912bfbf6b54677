using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Storage;

/// <summary>Config section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the embedded default, one process) or <c>postgres</c> (several processes sharing one database).</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be sqlite or postgres")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// PostgreSQL only, in Npgsql's form ("Host=...;Port=5432;Username=...;Database=..."). Put the password in the
    /// environment (PGPASSWORD, or Storage__ConnectionString as a whole), never in appsettings.json; it is never
    /// logged and is cut out of every error message.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The SQLite ledger file. Relative paths are relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = Path.Combine("data", "companion.db");

    /// <summary>How long a write waits for another process's lock before failing.</summary>
    [Range(0, 600)]
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>Recent turns kept per relationship for the prompt's history window.</summary>
    [Range(0, 500)]
    public int HistoryTurnsKept { get; set; } = 40;

    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.Ordinal);
}
