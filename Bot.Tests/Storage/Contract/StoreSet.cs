using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Storage.Contract;

/// <summary>Every store of one provider over one database, as the program wires them.</summary>
public sealed record StoreSet(
    ILedgerStore Ledger,
    IHistoryStore History,
    IMemberData MemberData,
    ICounterReader Counters,
    IChannelSettingsStore Channels,
    IPersonaVersionStore Personas,
    IDisposable Owner) : IDisposable
{
    public static readonly IOptions<StorageOptions> Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { HistoryTurnsKept = 4 });

    public static StoreSet Sqlite(string path)
    {
        var db = new SqliteDatabase(path, 5, secureDelete: true);
        return new StoreSet(new SqliteLedgerStore(db), new SqliteHistoryStore(db, Options), new SqliteMemberData(db),
            new SqliteStatsStore(db), new SqliteChannelSettings(db), new PersonaVersionStore(db), db);
    }

    public static StoreSet Postgres(TestPostgres server) => Postgres(new PostgresDatabase(server.ConnectionString));

    public static StoreSet Postgres(PostgresDatabase db) => Postgres(db, MemberCipher.Sealing);

    internal static StoreSet Postgres(PostgresDatabase db, MemberCipher cipher) =>
        new(new PostgresLedgerStore(db, cipher), new PostgresHistoryStore(db, Options, cipher), new PostgresMemberData(db, cipher),
            new PostgresStatsStore(db), new PostgresChannelSettings(db, TimeProvider.System, NullLogger<PostgresChannelSettings>.Instance), new PostgresPersonaVersions(db), db);

    public void Dispose() => Owner.Dispose();
}
