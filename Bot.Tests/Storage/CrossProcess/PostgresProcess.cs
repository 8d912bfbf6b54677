using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Storage.Contract;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CompanionBot.Turn;

namespace CompanionBot.Tests.Storage.CrossProcess;

/// <summary>
/// One bot process as far as the database can tell: its own connection pool (its own <see cref="PostgresDatabase"/>),
/// its own member gate, persona cache and pipeline, with the production stores. Two of these on one schema behave
/// like two processes sharing the shards.
/// </summary>
public sealed class PostgresProcess : IDisposable
{
    public PostgresProcess(TestPostgres server, IChatModel model, bool leases = true)
    {
        Database = new PostgresDatabase(server.ConnectionString);
        Stores = StoreSet.Postgres(Database);
        Gate = new MemberGate(leases ? new PostgresMemberLeases(Database) : null);
        Personas = new GuildPersonaProvider(Stores.Personas, Engine.DefaultPersona, NullLogger<GuildPersonaProvider>.Instance);
        Pipeline = new ConversationPipeline(Stores.Ledger, Personas, Engine.Appraiser,
            new TurnPlanner(new RelationshipLedger(), new StanceEngine(), new PromptComposer()), new ReplyWriter(model, new OfflineVoice()), Gate,
            SafetyGate.Unlimited(), Bursts.Off(), Stores.History);
    }

    public PostgresDatabase Database { get; }
    public StoreSet Stores { get; }
    public MemberGate Gate { get; }
    public GuildPersonaProvider Personas { get; }
    public ConversationPipeline Pipeline { get; }

    /// <summary>The turn when the message was answered, null for any other outcome.</summary>
    public async Task<TurnResult?> SayAsync(RelationshipKey key, string messageId, string text, DateTimeOffset at) =>
        await Pipeline.HandleAsync(new InboundMessage(messageId, key, "c", "user", text, at), CancellationToken.None) is TurnOutcome.Replied replied
            ? replied.Turn : null;

    public void Dispose() => Stores.Dispose();
}

/// <summary>A model endpoint that answers only when the test opens it, and says when a request arrived.</summary>
public sealed class GatedChatModel : IChatModel
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;
    private int _inFlight;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The most requests ever in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    public Task FirstCall => _firstCall.Task;

    public bool IsConfigured => true;

    public void Open() => _open.TrySetResult();

    public async Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (_open) MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
        _firstCall.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        lock (_open) _inFlight--;
        return new ModelReply.Completed("nice to hear from you");
    }
}
