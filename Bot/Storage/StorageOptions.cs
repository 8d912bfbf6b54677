using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Storage;

/// <summary>Config section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite ledger file. Relative paths are relative to the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = Path.Combine("data", "companion.db");

    /// <summary>How long a write waits for another process's lock before failing.</summary>
    [Range(0, 600)]
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>Recent turns kept per relationship for the prompt's history window.</summary>
    [Range(0, 500)]
    public int HistoryTurnsKept { get; set; } = 40;
}
