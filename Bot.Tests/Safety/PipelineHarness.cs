using CompanionBot.LanguageModel;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Tests.Safety;

/// <summary>
/// The real pipeline from the program's composition root on a real SQLite file, with a chosen model and the
/// production flood limits; every message its own turn unless a test passes <see cref="Bursts"/>.
/// </summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private int _sequence;

    public PipelineHarness(string path, IChatModel? model = null, bool secureDelete = true, IAppraisalAssistant? assistant = null,
        ILogger<ConversationPipeline>? logger = null, Bursts? bursts = null, MemberGate? gate = null,
        CompanionBot.Appraisal.Semantic.ITextEncoder? encoder = null)
    {
        _services = TestRoot.Build(new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = path,
            ["Conversation:BurstQuietSeconds"] = "0",
        }, services =>
        {
            services.Replace(ServiceDescriptor.Singleton(new SqliteDatabase(path, 5, secureDelete)));
            if (model is not null) services.Replace(ServiceDescriptor.Singleton(model));
            if (assistant is not null) services.Replace(ServiceDescriptor.Singleton(assistant));
            if (logger is not null) services.AddSingleton(logger);
            if (bursts is not null) services.Replace(ServiceDescriptor.Singleton(bursts));
            if (gate is not null) services.Replace(ServiceDescriptor.Singleton(gate));
            if (encoder is not null) services.Replace(ServiceDescriptor.Singleton(encoder));
        });
        Database = _services.GetRequiredService<SqliteDatabase>();
        Store = (SqliteLedgerStore)_services.GetRequiredService<ILedgerStore>();
        History = (SqliteHistoryStore)_services.GetRequiredService<IHistoryStore>();
        Counters = new SqliteStatsStore(Database);
        Pipeline = _services.GetRequiredService<ConversationPipeline>();
    }

    public SqliteDatabase Database { get; }
    public SqliteLedgerStore Store { get; }
    public SqliteHistoryStore History { get; }
    public SqliteStatsStore Counters { get; }
    public ConversationPipeline Pipeline { get; }
    public DateTimeOffset Now { get; set; } = new(2026, 6, 1, 22, 0, 0, TimeSpan.Zero);

    /// <summary>The turn when the message was answered, null for any other outcome (see <see cref="SendAsync"/>).</summary>
    public async Task<TurnResult?> SayAsync(RelationshipKey key, string text, TimeSpan? after = null, string? messageId = null) =>
        (await SendAsync(key, text, after, messageId)) is TurnOutcome.Replied replied ? replied.Turn : null;

    public Task<TurnOutcome> SendAsync(RelationshipKey key, string text, TimeSpan? after = null, string? messageId = null)
    {
        Now += after ?? TimeSpan.FromMinutes(1);
        var message = new InboundMessage(messageId ?? $"m{++_sequence}", key, "c", "user", text, Now);
        return Pipeline.HandleAsync(message, CancellationToken.None);
    }

    public void Dispose()
    {
        _services.Dispose();
        Database.Dispose();
    }
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
