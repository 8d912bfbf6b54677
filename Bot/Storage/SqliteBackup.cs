using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CompanionBot.Storage;

/// <summary>How far a backup has got, in database pages.</summary>
public sealed record BackupProgress(int PagesDone, int PagesTotal);

/// <summary>What a finished backup wrote.</summary>
public sealed record BackupResult(string Path, long Bytes, int Pages, string Check);

/// <summary>
/// A consistent copy of a live ledger with SQLite's online backup API (sqlite3_backup_*, the API behind
/// Microsoft.Data.Sqlite's BackupDatabase, stepped here so a big database can report progress). The source is read
/// inside one read transaction, so the copy is the database as of one commit: in WAL mode the bot keeps writing
/// meanwhile, and the backup never restarts because of those writes. The copy is written beside the target under a
/// temporary name, checked with PRAGMA quick_check, and only then moved to its name, so a failed or interrupted
/// backup never leaves a half-written file where a backup is expected.
/// </summary>
public static class SqliteBackup
{
    public static BackupResult Run(
        string sourcePath, string targetPath, bool overwrite, int pagesPerStep = 4096,
        Action<BackupProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        sourcePath = Path.GetFullPath(sourcePath);
        targetPath = Path.GetFullPath(targetPath);
        if (!File.Exists(sourcePath)) throw new StorageException($"no database at {sourcePath}");
        if (targetPath == sourcePath) throw new StorageException("the backup cannot be the database itself");
        if (File.Exists(targetPath) && !overwrite) throw new StorageException($"{targetPath} already exists; pass --force to replace it");
        var directory = Path.GetDirectoryName(targetPath)!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            var (pages, check) = Copy(sourcePath, partial, pagesPerStep, progress, cancellationToken);
            File.Move(partial, targetPath, overwrite);
            return new BackupResult(targetPath, new FileInfo(targetPath).Length, pages, check);
        }
        catch (SqliteException ex)
        {
            throw new StorageException($"backup failed: {ex.Message}", ex);
        }
        catch (IOException ex) when (File.Exists(targetPath) && !overwrite)
        {
            throw new StorageException($"{targetPath} already exists; pass --force to replace it", ex);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(partial + suffix);
        }
    }

    private static (int Pages, string Check) Copy(
        string sourcePath, string partialPath, int pagesPerStep, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        using var source = Open(sourcePath, SqliteOpenMode.ReadWrite);
        using var target = Open(partialPath, SqliteOpenMode.ReadWriteCreate);
        using (var sync = target.CreateCommand())
        {
            sync.CommandText = "PRAGMA synchronous = FULL;";
            sync.ExecuteNonQuery();
        }
        // One read transaction for the whole copy: every step sees the same snapshot, whatever the bot commits meanwhile.
        using var snapshot = source.BeginTransaction(deferred: true);
        using (var pin = source.CreateCommand())
        {
            pin.Transaction = snapshot;
            pin.CommandText = "SELECT count(*) FROM sqlite_schema;";
            pin.ExecuteScalar();
        }
        var backup = raw.sqlite3_backup_init(target.Handle, "main", source.Handle, "main");
        if (backup is null || backup.IsInvalid) throw new StorageException($"backup failed: {raw.sqlite3_errmsg(target.Handle).utf8_to_string()}");
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, pagesPerStep);
                var total = raw.sqlite3_backup_pagecount(backup);
                progress?.Invoke(new BackupProgress(total - raw.sqlite3_backup_remaining(backup), total));
                if (rc == raw.SQLITE_DONE) break;
                if (rc is raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED) continue;
                throw new StorageException($"backup failed: {raw.sqlite3_errstr(rc).utf8_to_string()}");
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
        snapshot.Commit();
        return (PageCount(target), QuickCheck(target));
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static int PageCount(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA page_count;";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string QuickCheck(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA quick_check;";
        var result = Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (result != "ok") throw new StorageException($"the copy failed its check: {result}");
        return result;
    }
}
