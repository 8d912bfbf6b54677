using CompanionBot.Commands;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Commands;

/// <summary>The command service over a real SQLite temp file and a manual clock, with helpers to forge requests.</summary>
internal sealed class CommandKit : IDisposable
{
    public const ulong ManageGuild = 1UL << 5;
    public const ulong SendMessages = 1UL << 11;

    private readonly TempDirectory _dir = new();
    private int _messages;

    public CommandKit()
    {
        DatabasePath = _dir.File("commands.db");
        Database = new SqliteDatabase(DatabasePath, 5, secureDelete: true);
        Ledger = new SqliteLedgerStore(Database);
        History = new SqliteHistoryStore(Database, Options.Create(new StorageOptions()));
        Versions = new PersonaVersionStore(Database);
        Personas = new GuildPersonaProvider(Versions, Engine.DefaultPersona, NullLogger<GuildPersonaProvider>.Instance);
        MemberData = new SqliteMemberData(Database);
        Stats = new SqliteStatsStore(Database);
        Channels = new SqliteChannelSettings(Database);
        Service = new CommandService(
        [
            new RapportCommands(Ledger, MemberData, Personas, Gate),
            new ForgetCommand(Ledger, MemberData, Gate),
            new ExportCommand(MemberData),
            new PersonaCommands(Versions, Personas, new PersonaPreview(Engine.Appraiser)),
            new CompanionCommands(Stats, Channels),
        ], NullLogger<CommandService>.Instance);
    }

    /// <summary>A reply in <paramref name="scope"/>, counted the way the pipeline counts it: with its turn's save.</summary>
    public void CountReply(string scope, StanceDecision decision) =>
        Ledger.Save(new TurnRecord(RelationshipState.New(new RelationshipKey(scope, "counted"), Time.GetUtcNow(), new LedgerBaseline(0.1, 0.1)), null)
        {
            Counters = TurnCounters.Instance.CountersFor(scope, decision, Time.GetUtcNow()),
        });

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    public MemberGate Gate { get; } = new();
    public string DatabasePath { get; }
    public SqliteDatabase Database { get; }
    public SqliteLedgerStore Ledger { get; }
    public SqliteHistoryStore History { get; }
    public PersonaVersionStore Versions { get; }
    public GuildPersonaProvider Personas { get; }
    public SqliteMemberData MemberData { get; }
    public SqliteStatsStore Stats { get; }
    public SqliteChannelSettings Channels { get; }
    public CommandService Service { get; }

    public CommandRequest Request(string name, string subcommand = "", string? guild = "g1", string invoker = "m1", ulong permissions = 0,
        IReadOnlyDictionary<string, string>? options = null, string? attachment = null, bool confirmed = false) => new()
    {
        Name = name,
        Subcommand = subcommand,
        Options = options ?? new Dictionary<string, string>(),
        AttachmentText = attachment,
        InvokerId = invoker,
        GuildId = guild,
        PermissionBits = permissions,
        ChannelId = "c1",
        At = Time.GetUtcNow(),
        Confirmed = confirmed,
    };

    public CommandRequest Moderator(string subcommand, IReadOnlyDictionary<string, string>? options = null, string? attachment = null, string guild = "g1") =>
        Request("persona", subcommand, guild, "mod1", ManageGuild, options, attachment);

    public Task<CommandReply> RunAsync(CommandRequest request) => Service.HandleAsync(request, CancellationToken.None);

    /// <summary>Stores a relationship with one exchange of history, as the pipeline would after a message.</summary>
    public void Talk(RelationshipKey key, string userText, string replyText)
    {
        var now = Time.GetUtcNow();
        var state = Ledger.Find(key) ?? RelationshipState.New(key, now, new LedgerBaseline(0.1, 0.1));
        Ledger.Save(new TurnRecord(state with { Exchanges = state.Exchanges + 1, LastSeenAt = now }, $"msg-{++_messages}")
        {
            History = History.EntryFor(new StanceDecision(Stance.Warm, [], "test", []), userText, replyText, now),
        });
    }

    public long Rows(string table, string member) => Database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table} WHERE member = $member;";
        cmd.Parameters.AddWithValue("$member", member);
        return (long)cmd.ExecuteScalar()!;
    });

    public void Dispose()
    {
        Database.Dispose();
        _dir.Dispose();
    }
}
