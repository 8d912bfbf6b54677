using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Safety;

/// <summary>The real pipeline on a real SQLite file, with a chosen model and the production flood limits.</summary>
public sealed class PipelineHarness : IDisposable
{
    private int _sequence;

    public PipelineHarness(string path, IChatModel? model = null, bool secureDelete = true, IAppraisalAssistant? assistant = null)
    {
        Database = new SqliteDatabase(path, 5, secureDelete);
        Store = new SqliteLedgerStore(Database);
        History = new SqliteHistoryStore(Database, Options.Create(new StorageOptions()));
        Counters = new SqliteStatsStore(Database);
        Pipeline = new ConversationPipeline(Store, new FixedPersonaProvider(Engine.DefaultPersona), Engine.Appraiser,
            new RelationshipLedger(), new StanceEngine(), new PromptComposer(),
            new ReplyWriter(model ?? new OfflineChatModel(), new OfflineVoice()), new MemberGate(),
            new SafetyGate(new FloodGuard(Options.Create(new FloodOptions()))), History, assistant: assistant);
    }

    public SqliteDatabase Database { get; }
    public SqliteLedgerStore Store { get; }
    public SqliteHistoryStore History { get; }
    public SqliteStatsStore Counters { get; }
    public ConversationPipeline Pipeline { get; }
    public DateTimeOffset Now { get; set; } = new(2026, 6, 1, 22, 0, 0, TimeSpan.Zero);

    public Task<TurnResult?> SayAsync(RelationshipKey key, string text, TimeSpan? after = null, string? messageId = null)
    {
        Now += after ?? TimeSpan.FromMinutes(1);
        var message = new InboundMessage(messageId ?? $"m{++_sequence}", key, "c", "user", text, Now);
        return Pipeline.HandleAsync(message, CancellationToken.None);
    }

    public void Dispose() => Database.Dispose();
}

/// <summary>A model endpoint that never answers until cancelled (a hung server).</summary>
public sealed class HangingChatModel : IChatModel
{
    public int Calls { get; private set; }

    public bool IsConfigured => true;

    public async Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        Calls++;
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return new ModelReply.Unavailable("cancelled");
    }
}

/// <summary>A model endpoint that always fails (503).</summary>
public sealed class FailingChatModel : IChatModel
{
    public int Calls { get; private set; }

    public bool IsConfigured => true;

    public Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult<ModelReply>(new ModelReply.Unavailable("503 Service Unavailable"));
    }
}
