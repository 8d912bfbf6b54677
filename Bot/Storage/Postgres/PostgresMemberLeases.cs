using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// One member's turn at a time across every process: a session-level advisory lock on a connection held for the
/// whole turn (appraise, model request, save). Locking rather than row versioning because a version conflict would
/// be found only at the save, after the model had already answered: the reply would be thrown away or sent from a
/// stale state. The lock instead makes the second process wait before it reads, so it sees the first one's writes,
/// and it gives "one model request in flight per member" across processes for free. A crashed process's session ends
/// and PostgreSQL releases its locks. The cost is one pooled connection per member in flight.
/// </summary>
public sealed class PostgresMemberLeases(PostgresDatabase database) : IMemberLeases
{
    public async Task<IDisposable> AcquireAsync(string memberId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = new NpgsqlCommand("SELECT pg_advisory_lock($1);", connection);
            cmd.Parameters.AddWithValue(LockKey(memberId));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(connection, LockKey(memberId));
        }
        catch (NpgsqlException ex)
        {
            // A broken connection or server is a storage failure the pipeline reports, its message redacted.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw database.Failure(ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A stable 64-bit key per member (the first 8 bytes of SHA-256), the same in every process.</summary>
    public static long LockKey(string memberId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("companion-member:" + memberId)), 0);

    private sealed class Lease(NpgsqlConnection connection, long key) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1);", connection);
                cmd.Parameters.AddWithValue(key);
                cmd.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The connection broke: its session is gone, and PostgreSQL released the lock with it.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
