using System.Diagnostics;
using System.Globalization;
using CompanionBot.Storage;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Bench;

/// <summary>
/// The physical limit for one durable write per message: single-row upsert transactions (BEGIN IMMEDIATE, one
/// INSERT ... ON CONFLICT DO UPDATE, COMMIT) through <see cref="SqliteDatabase"/>, so the pragmas are the production
/// ones, on a scratch file beside the ledger (same disk), deleted afterwards. One prepared statement; rows cycle over
/// 64 keys so both inserts and updates are measured, and every write changes the row (an unchanged upsert commits
/// without any fsync, which would flatter the limit).
/// <para>
/// The bench runs it in slices between slices of the pipeline run: on a shared disk the fsync cost drifts by an order
/// of magnitude within a minute, and only interleaving makes the two rates comparable.
/// </para>
/// </summary>
public sealed class RawSqliteProbe : IDisposable
{
    private readonly string _path;
    private readonly SqliteDatabase _database;
    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _member;
    private readonly SqliteParameter _at;

    public RawSqliteProbe(string ledgerPath, int busyTimeoutSeconds)
    {
        _path = Path.GetFullPath(ledgerPath) + ".raw-probe";
        DeleteFiles(_path);
        _database = new SqliteDatabase(_path, busyTimeoutSeconds, secureDelete: true);
        // One command for the whole probe (prepared once, reused by every transaction), as a tuned writer would.
        _upsert = _database.Write((connection, _) => connection.CreateCommand());
        _upsert.CommandText = """
            INSERT INTO relationships (scope, member, state, updated_at) VALUES ('dm', $member, $state, $at)
            ON CONFLICT (scope, member) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
            """;
        _member = _upsert.Parameters.Add("$member", SqliteType.Text);
        _at = _upsert.Parameters.Add("$at", SqliteType.Text);
        _upsert.Parameters.AddWithValue("$state", StateJson.Write(Prefill.Relationship(0, new DeterministicRandom(7))));
    }

    public long Transactions { get; private set; }
    public TimeSpan Elapsed { get; private set; }
    public double SlowestSlice { get; private set; } = double.MaxValue;
    public double FastestSlice { get; private set; }
    public int Slices { get; private set; }

    /// <summary>Durable transactions per second over every slice so far; 0 before the first.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Transactions / Elapsed.TotalSeconds : 0;

    /// <summary>Commits single-row transactions for about <paramref name="budget"/> (at least 5).</summary>
    public void RunSlice(TimeSpan budget)
    {
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        var done = 0;
        while (done < 5 || Stopwatch.GetTimestamp() < stopAt)
        {
            _member.Value = "probe-" + (Transactions + done) % 64;
            _at.Value = (Transactions + done).ToString(CultureInfo.InvariantCulture);
            _database.Write((_, tx) =>
            {
                _upsert.Transaction = tx;
                return _upsert.ExecuteNonQuery();
            });
            done++;
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        var rate = done / elapsed.TotalSeconds;
        Transactions += done;
        Elapsed += elapsed;
        SlowestSlice = Math.Min(SlowestSlice, rate);
        FastestSlice = Math.Max(FastestSlice, rate);
        Slices++;
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _database.Dispose();
        DeleteFiles(_path);
    }

    internal static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
