using System.Diagnostics;
using System.Globalization;

namespace StoreProbe;

/// <summary>Bulk load (batches of 10,000 per transaction), then in a fresh process: open, random point reads, memory.</summary>
public static class Scale
{
    private const int Batch = 10_000;

    public static int Load(string store, string path, int n)
    {
        var watch = Stopwatch.StartNew();
        if (store == "litedb")
        {
            using var db = Stores.OpenLite(path);
            var col = Stores.Relationships(db);
            for (var start = 0; start < n; start += Batch)
            {
                col.InsertBulk(Enumerable.Range(start, Math.Min(Batch, n - start)).Select(Stores.Document), Batch);
            }
            db.Checkpoint();
        }
        else
        {
            using var connection = Stores.OpenSqlite(path);
            for (var start = 0; start < n; start += Batch)
            {
                using var tx = connection.BeginTransaction(deferred: false);
                for (var i = start; i < Math.Min(n, start + Batch); i++) Stores.Insert(connection, tx, i);
                tx.Commit();
            }
            Stores.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {store}: {n:N0} documents in {watch.Elapsed.TotalSeconds:0.0} s, {Stores.BytesOnDisk(path) / 1048576.0:0} MB on disk"));
        return 0;
    }

    public static int Read(string store, string path, int n, int reads)
    {
        var random = new Random(42);
        var keys = Enumerable.Range(0, reads).Select(_ => random.Next(n)).ToArray();
        var found = 0;
        var watch = Stopwatch.StartNew();
        if (store == "litedb")
        {
            using var db = Stores.OpenLite(path);
            var col = Stores.Relationships(db);
            foreach (var k in keys) if (col.FindById(Stores.Key(k)) is not null) found++;
        }
        else
        {
            using var connection = Stores.OpenSqlite(path);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT state FROM relationships WHERE scope = $s AND member = $m;";
            var s = cmd.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Text);
            var m = cmd.Parameters.Add("$m", Microsoft.Data.Sqlite.SqliteType.Text);
            cmd.Prepare();
            foreach (var k in keys)
            {
                s.Value = Stores.Scope;
                m.Value = Stores.Member(k);
                if (cmd.ExecuteScalar() is string) found++;
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var (rss, peak) = Memory();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {store}: {reads:N0} random point reads of {n:N0} in {seconds:0.00} s = {reads / seconds:N0}/s, {found:N0} found; process RSS {rss / 1024.0:0} MB, peak {peak / 1024.0:0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB"));
        return 0;
    }

    /// <summary>VmRSS and VmHWM (peak) from /proc/self/status, in KB.</summary>
    private static (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        return (rss, peak);
    }
}
