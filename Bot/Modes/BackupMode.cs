using System.Globalization;
using CompanionBot.Terminal;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompanionBot.Modes;

/// <summary>
/// backup &lt;path&gt; [--force]: a consistent copy of the ledger, safe while the bot runs. Refuses to replace an
/// existing file unless told; reports progress every tenth when the database is big. Exit 0 on success, 1 when the
/// copy could not be made, 2 for a usage error.
/// </summary>
public static class BackupMode
{
    /// <summary>Below this many pages (about 100 MB of 4 KB pages) a backup takes a moment and prints no progress.</summary>
    public const int ProgressFromPages = 25_000;

    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("force", "db");
        commandLine.AllowPositional(1);
        if (commandLine.Positional.Count != 1) throw new CommandLineException("backup needs the path of the copy to write, e.g. backup backups/companion-2026-06-01.db");
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.UsesPostgres)
        {
            throw new CommandLineException("backup copies the SQLite ledger; with Storage:Provider=postgres back up the database with pg_dump");
        }
        var source = storage.DatabasePath;
        var reporter = new BackupProgressReporter(io.Error, ProgressFromPages);
        var result = await Task.Run(() => SqliteBackup.Run(source, commandLine.Positional[0], commandLine.Flag("force"),
            progress: reporter.Report, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {Path.GetFullPath(source)} to {result.Path} ({result.Bytes:N0} bytes, {result.Pages:N0} pages, check {result.Check}).")).ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Prints "40% (10,000 of 25,000 pages)" at each tenth, only for a database of at least <paramref name="fromPages"/>.</summary>
public sealed class BackupProgressReporter(TextWriter output, int fromPages)
{
    private int _lastTenth;

    public void Report(BackupProgress progress)
    {
        if (progress.PagesTotal < fromPages || progress.PagesTotal == 0) return;
        var tenth = (int)(10L * progress.PagesDone / progress.PagesTotal);
        if (tenth <= _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {tenth * 10}% ({progress.PagesDone:N0} of {progress.PagesTotal:N0} pages)"));
    }
}
