using System.Diagnostics;
using CompanionBot.Storage;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Bench;

/// <summary>
/// The physical limit for one durable write per message: single-row upsert transactions (BEGIN IMMEDIATE, one
/// INSERT ... ON CONFLICT DO UPDATE, COMMIT) through <see cref="SqliteDatabase"/>, so the pragmas are the production
/// ones, on a scratch file beside the ledger (same disk), deleted afterwards. One prepared statement; rows cycle over
/// 64 keys so both inserts and updates are measured,
/// and every write changes the row (an unchanged upsert commits without any fsync, which would flatter the limit).
/// </summary>
public static class RawSqliteProbe
{
    public const int MaxTransactions = 100_000;

    /// <summary>Transactions per second over about <paramref name="budget"/>; 0 when the budget is zero.</summary>
    public static double Measure(string ledgerPath, int busyTimeoutSeconds, TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero) return 0;
        var path = Path.GetFullPath(ledgerPath) + ".raw-probe";
        DeleteFiles(path);
        try
        {
            using var database = new SqliteDatabase(path, busyTimeoutSeconds, secureDelete: true);
            var state = StateJson.Write(Prefill.Relationship(0, new DeterministicRandom(7)));
            var stopAt = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            // One command for the whole probe (prepared once, reused by every transaction), as a tuned writer would.
            using var cmd = database.Read(connection => connection.CreateCommand());
            cmd.CommandText = """
                INSERT INTO relationships (scope, member, state, updated_at) VALUES ('dm', $member, $state, $at)
                ON CONFLICT (scope, member) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
                """;
            var member = cmd.Parameters.Add("$member", SqliteType.Text);
            cmd.Parameters.AddWithValue("$state", state);
            var at = cmd.Parameters.Add("$at", SqliteType.Text);
            var start = Stopwatch.GetTimestamp();
            var done = 0;
            while (done < MaxTransactions && (done < 20 || Stopwatch.GetTimestamp() < stopAt))
            {
                member.Value = "probe-" + (done % 64);
                // Every write must change the row: SQLite commits an unchanged row without syncing anything.
                at.Value = done.ToString(System.Globalization.CultureInfo.InvariantCulture);
                database.Write((_, tx) =>
                {
                    cmd.Transaction = tx;
                    return cmd.ExecuteNonQuery();
                });
                done++;
            }
            return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            DeleteFiles(path);
        }
    }

    internal static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
