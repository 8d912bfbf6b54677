using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompanionBot.Perception;

/// <summary>
/// Registers the appraiser: with the sentence encoder and the trained heads when <c>Appraisal:Semantic</c> is true
/// (the default) and heads are embedded, otherwise the lexicon alone. The encoder is one per process and loads in
/// the background from start-up, so the program starts at once and the first message waits at most for the load.
/// </summary>
public static class PerceptionServices
{
    public const string SemanticKey = "Appraisal:Semantic";

    public static IServiceCollection AddPerception(this IServiceCollection services, IConfiguration configuration)
    {
        var heads = configuration.GetValue(SemanticKey, true) ? SignalHeads.Embedded() : null;
        if (heads is null)
        {
            services.AddSingleton(sp => new MessageAppraiser(sp.GetRequiredService<AppraisalLexicon>()));
            return services;
        }
        services.AddSingleton(heads);
        services.AddSingleton<MiniLmTextEncoder>();
        // Concurrent messages share calls to the model (see BatchingTextEncoder); a lone message is encoded at once.
        services.AddSingleton<ITextEncoder>(sp => new BatchingTextEncoder(
            new TimedTextEncoder(sp.GetRequiredService<MiniLmTextEncoder>(), sp.GetRequiredService<Telemetry.CompanionMetrics>())));
        services.AddSingleton(sp => new SemanticReader(sp.GetRequiredService<ITextEncoder>(), heads));
        services.AddSingleton(sp => new MessageAppraiser(sp.GetRequiredService<AppraisalLexicon>(), sp.GetRequiredService<SemanticReader>()));
        services.AddHostedService<EncoderWarmup>();
        return services;
    }
}

/// <summary>Starts loading the encoder when the host starts, without holding the start-up up.</summary>
internal sealed partial class EncoderWarmup(MiniLmTextEncoder encoder, TimeProvider time, Microsoft.Extensions.Logging.ILogger<EncoderWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        _ = encoder.Warm().ContinueWith(t =>
        {
            if (t.IsFaulted) LogUnavailable(logger);
            else LogLoaded(logger, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "Sentence encoder loaded in {Milliseconds} ms")]
    private static partial void LogLoaded(Microsoft.Extensions.Logging.ILogger logger, long milliseconds);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Sentence encoder unavailable: the appraiser reads with the lexicon alone")]
    private static partial void LogUnavailable(Microsoft.Extensions.Logging.ILogger logger);
}
