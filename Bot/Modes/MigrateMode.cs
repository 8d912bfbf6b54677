using System.Globalization;
using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using CompanionBot.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompanionBot.Modes;

/// <summary>
/// `migrate --from sqlite:PATH --to postgres [--into-non-empty]`: moves an existing SQLite ledger into the PostgreSQL
/// database named by Storage:ConnectionString, with every table's count checked, in one transaction.
/// </summary>
public static class MigrateMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("from", "to", "into-non-empty", "force");
        var from = commandLine.Option("from") ?? throw new CommandLineException("migrate needs --from sqlite:PATH");
        if (!from.StartsWith("sqlite:", StringComparison.Ordinal) || from.Length == "sqlite:".Length)
        {
            throw new CommandLineException($"--from must be sqlite:PATH (the ledger file to copy), got '{from}'");
        }
        if (commandLine.Option("to") != StorageOptions.Postgres) throw new CommandLineException("--to must be postgres");
        var path = from["sqlite:".Length..];
        if (!File.Exists(path)) throw new CommandLineException($"--from: no SQLite file at '{Path.GetFullPath(path)}'");
        var connectionString = services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CommandLineException("--to postgres needs Storage:ConnectionString (for example the environment variable Storage__ConnectionString)");
        }
        var intoNonEmpty = commandLine.Flag("into-non-empty") || commandLine.Flag("force");

        using var source = new SqliteDatabase(path, 5, secureDelete: true);
        using var target = new PostgresDatabase(connectionString);
        await io.Error.WriteLineAsync($"migrate: copying {source.DatabasePath} into PostgreSQL {target.Target} (one transaction)...").ConfigureAwait(false);
        var counts = SqliteToPostgres.Run(source, target, intoNonEmpty, services.GetRequiredService<TimeProvider>().GetUtcNow());
        foreach (var c in counts)
        {
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.Table,-20} {c.Source,10} copied, target {c.TargetBefore} -> {c.TargetAfter}  ok")).ConfigureAwait(false);
        }
        await io.Out.WriteLineAsync("migrate: every count matches; set Storage__Provider=postgres to run on it.").ConfigureAwait(false);
        return 0;
    }
}
