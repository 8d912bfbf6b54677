using System.Diagnostics;
using LiteDB;

namespace StoreProbe;

public static class Probes
{
    /// <summary>n commits of one document each; after each returns, a marker line on stderr (visible to strace).</summary>
    public static int Commit(string store, string path, int n)
    {
        var stderr = Console.OpenStandardError();
        if (store == "litedb")
        {
            using var db = Stores.OpenLite(path);
            var col = Stores.Relationships(db);
            for (var i = 0; i < n; i++)
            {
                col.Insert(Stores.Document(i));
                stderr.Write(System.Text.Encoding.ASCII.GetBytes($"probe: commit {i} returned\n"));
            }
        }
        else
        {
            using var connection = Stores.OpenSqlite(path);
            for (var i = 0; i < n; i++)
            {
                using (var tx = connection.BeginTransaction(deferred: false))
                {
                    Stores.Insert(connection, tx, i);
                    tx.Commit();
                }
                stderr.Write(System.Text.Encoding.ASCII.GetBytes($"probe: commit {i} returned\n"));
            }
        }
        return 0;
    }

    /// <summary>One process's share of the two-process probe: count documents, one commit each.</summary>
    public static int Writer(string store, string path, int from, int count)
    {
        var acknowledged = 0;
        try
        {
            if (store.StartsWith("litedb", StringComparison.Ordinal))
            {
                using var db = Stores.OpenLite(path, store == "litedb-shared" ? "shared" : "direct");
                var col = Stores.Relationships(db);
                for (var i = from; i < from + count; i++)
                {
                    col.Insert(Stores.Document(i));
                    acknowledged++;
                }
            }
            else
            {
                using var connection = Stores.OpenSqlite(path);
                for (var i = from; i < from + count; i++)
                {
                    Stores.Insert(connection, null, i);
                    acknowledged++;
                }
            }
            Console.WriteLine(acknowledged);
            return 0;
        }
        catch (Exception ex)
        {
            Console.WriteLine(acknowledged);
            Console.Error.WriteLine($"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>Two processes write disjoint documents into one file at once; then count what the file holds.</summary>
    public static int TwoProcesses(string store, string path, int count)
    {
        if (store == "sqlite") Stores.OpenSqlite(path).Dispose();
        var self = Environment.ProcessPath!;
        var dll = typeof(Probes).Assembly.Location;
        var children = new[] { 0, count }.Select(from =>
        {
            var start = new ProcessStartInfo(self) { RedirectStandardError = true, RedirectStandardOutput = true };
            if (Path.GetFileName(self).StartsWith("dotnet", StringComparison.Ordinal)) start.ArgumentList.Add(dll);
            foreach (var a in new[] { "writer", store, path, from.ToString(), count.ToString() }) start.ArgumentList.Add(a);
            return Process.Start(start)!;
        }).ToList();
        var errors = children.Select(c => c.StandardError.ReadToEndAsync()).ToList();
        var acks = children.Select(c => c.StandardOutput.ReadToEndAsync()).ToList();
        foreach (var c in children) c.WaitForExit();
        var acknowledged = acks.Sum(a => long.Parse(a.Result.Trim()));
        long found;
        string? readError = null;
        try
        {
            if (store == "sqlite")
            {
                using var connection = Stores.OpenSqlite(path);
                found = Stores.Count(connection);
            }
            else
            {
                using var db = Stores.OpenLite(path);
                found = Stores.Relationships(db).LongCount();
            }
        }
        catch (Exception ex)
        {
            found = -1;
            readError = $"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
        }
        var exits = string.Join(",", children.Select(c => c.ExitCode));
        var childErrors = string.Join(" | ", errors.Select(e => e.Result.Split('\n')[0]).Where(e => e.Length > 0));
        Console.WriteLine($"two-process {store}: 2 processes x {count} one-document commits, exit codes {exits}, " +
            $"{acknowledged} commits returned, file holds {found}" + (found >= 0 ? $": {Math.Max(0, acknowledged - found)} acknowledged commits lost" : "") +
            (childErrors.Length > 0 ? $"; child errors: {childErrors}" : "") + (readError is null ? "" : $"; reading back: {readError}"));
        return 0;
    }

    /// <summary>n documents with a secondary index, then Rebuild(); reports whether it worked and the index still answers.</summary>
    public static int Rebuild(string path, int n)
    {
        using (var db = Stores.OpenLite(path))
        {
            var col = Stores.Relationships(db);
            col.EnsureIndex("member");
            col.InsertBulk(Enumerable.Range(0, n).Select(Stores.Document), 5000);
        }
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            using var db = Stores.OpenLite(path);
            var saved = db.Rebuild();
            var col = Stores.Relationships(db);
            var hit = col.FindOne(Query.EQ("member", Stores.Member(n / 2))) is not null;
            outcome = $"ok in {watch.ElapsedMilliseconds} ms, {saved} bytes saved, {col.LongCount()} documents, index lookup {(hit ? "found" : "MISSED")} the document";
        }
        catch (Exception ex)
        {
            outcome = $"FAILED after {watch.ElapsedMilliseconds} ms: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}; {AfterFailure(path, n)}";
        }
        Console.WriteLine($"rebuild litedb, {n} documents with a secondary index: {outcome}");
        return 0;
    }

    private static string AfterFailure(string path, int n)
    {
        try
        {
            using var db = Stores.OpenLite(path);
            var col = Stores.Relationships(db);
            var hit = col.FindOne(Query.EQ("member", Stores.Member(n / 2))) is not null;
            return $"reopened: {col.LongCount()} documents, index lookup {(hit ? "found" : "MISSED")} the document";
        }
        catch (Exception ex)
        {
            return $"reopening fails too: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
        }
    }
}
