using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Storage;

/// <summary>Where files the program writes next to its data go (chat exports).</summary>
public static class DataFolder
{
    /// <summary>The SQLite file's folder, or ./data on PostgreSQL.</summary>
    public static string Of(IServiceProvider services) =>
        services.GetService<SqliteDatabase>() is { } sqlite ? Path.GetDirectoryName(sqlite.DatabasePath) ?? "." : Path.GetFullPath("data");
}
