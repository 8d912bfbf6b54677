using CompanionBot.Pipeline;
using CompanionBot.Safety;
using CompanionBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Bench;

/// <summary>
/// Runs the pipeline untimed on a scratch file beside the ledger (deleted afterwards) before the measured run, so the
/// figures are the steady state and not the JIT compiling the hot path (about a seventh of the CPU of a short run).
/// The scratch file keeps warm-up rows out of the ledger being measured.
/// </summary>
public static class Warmup
{
    public static async Task<int> RunAsync(IServiceProvider services, string ledgerPath, int busyTimeoutSeconds, int count, CancellationToken cancellationToken)
    {
        if (count == 0) return 0;
        var path = Path.GetFullPath(ledgerPath) + ".warmup";
        RawSqliteProbe.DeleteFiles(path);
        try
        {
            using var database = new SqliteDatabase(path, busyTimeoutSeconds, secureDelete: true);
            var store = new TimedLedgerStore(new SqliteLedgerStore(database));
            var pipeline = ActivatorUtilities.CreateInstance<ConversationPipeline>(services, (ILedgerStore)store, SafetyGate.Unlimited());
            const int members = 50;
            var script = new MessageScript(members, "warmup");
            for (var i = 0; i < count; i++)
            {
                store.BeginMessage();
                await pipeline.HandleAsync(script.Message(i % members, i / members), cancellationToken).ConfigureAwait(false);
            }
            return count;
        }
        finally
        {
            RawSqliteProbe.DeleteFiles(path);
        }
    }
}
