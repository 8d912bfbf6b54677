using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Bench;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// The encoder's work per message is bounded (windows, plus a few sentences only where a head finds the whole
/// plausible), while the windows still cover every part of the message for every head, crisis first.
/// </summary>
public sealed class BoundedReadingTests
{
    private static readonly string[] Filler =
        ["I went to the shop today.", "The weather was quite nice out.", "My cat sat on the old mat.", "We had pasta for dinner again.", "Then I read a book for a while."];

    [Test]
    public void Read_LongPostOfShortSentencesWithAPlausibleHead_WindowsPlusAtMostTheCapInTwoCalls()
    {
        var text = Post(4000);
        var (sentences, windows) = (Sentences(text), MessageParts.WindowsOf(text).Count);
        var encoder = new CountingTextEncoder(new ConstantEncoder());
        var reader = new SemanticReader(encoder, Heads(alwaysPlausible: true));

        var reading = reader.Read(sentences, text);

        Assert.That(sentences, Has.Length.GreaterThan(10 * MessageParts.MaxSentenceReads), "a post of many sentences");
        Assert.That(encoder.Texts, Is.EqualTo(windows + MessageParts.MaxSentenceReads));
        Assert.That(encoder.Calls, Is.EqualTo(2), "the windows in one call, the chosen sentences in one more");
        Assert.That(reading.Plausible(Signal.Crisis), Is.True);
    }

    [Test]
    public void Read_NoHeadFindsTheWholePlausible_NoSentenceIsEncoded()
    {
        var text = Post(4000);
        var encoder = new CountingTextEncoder(new ConstantEncoder());
        var reader = new SemanticReader(encoder, Heads(alwaysPlausible: false));

        var reading = reader.Read(Sentences(text), text);

        Assert.That(encoder.Texts, Is.EqualTo(MessageParts.WindowsOf(text).Count), "a sentence could change no reading");
        Assert.That(reading.Heads[Signal.Crisis].Part, Is.EqualTo("whole"));
    }

    [TestCase(100)]
    [TestCase(599)]
    [TestCase(4000)]
    [TestCase(20_000)]
    public void WindowsOf_AnyLength_CoverEveryCharacter(int length)
    {
        var text = Post(length);
        var covered = new bool[text.Length];

        foreach (var window in MessageParts.WindowsOf(text))
        {
            Assert.That(window.Text.Length, Is.LessThanOrEqualTo(MessageParts.PieceLength));
            for (var i = window.Start; i < window.End; i++) covered[i] = true;
        }

        Assert.That(Array.IndexOf(covered, false), Is.EqualTo(-1), "every character is in some window");
    }

    [TestCase(0.1)]
    [TestCase(0.5)]
    [TestCase(0.9)]
    public void Appraise_RiskSentenceDeepInALongPost_IsStillReadAsCrisis(double where)
    {
        const string risk = "ive been stockpiling my meds for weeks and this weekend i will swallow all of them.";
        var filler = Post(3500);
        var cut = filler.IndexOf(' ', (int)(filler.Length * where)) + 1;
        var text = filler[..cut] + risk + " " + filler[cut..];
        Assert.That(Engine.Appraise(text).Has(Signal.Crisis), Is.False, "the lexicon alone already knows this phrasing");

        var appraisal = Semantic.Appraise(text);

        Assert.That(Sentences(text).Length, Is.GreaterThan(2 * MessageParts.MaxSentenceReads));
        Assert.That(appraisal.Strength(Signal.Crisis), Is.GreaterThanOrEqualTo(MessageAppraiser.CrisisThreshold), string.Join("; ", appraisal.SourceLines));
        Assert.That(appraisal.Sources[Signal.Crisis], Does.StartWith("classifier"));
    }

    [Test]
    public void Probabilities_SeveralVectorsAtOnce_SameBitsAsTheKernelComputedOneByOne()
    {
        var heads = SignalHeads.Embedded()!;
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 5).Select(_ => Unit(Enumerable.Range(0, heads.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToArray();

        var together = heads.Probabilities(vectors);

        for (var v = 0; v < vectors.Length; v++)
        {
            var pool = heads.Pool;
            var similarities = Enumerable.Range(0, pool.Count).Select(i => VectorMath.Rbf(pool.Gamma,
                VectorMath.Dot(pool.Vector(i), pool.Vector(i)), VectorMath.Dot(vectors[v], vectors[v]), VectorMath.Dot(pool.Vector(i), vectors[v]))).ToArray();
            var alone = heads.Heads.Select(h => h.Model.Probability(similarities)).ToArray();
            Assert.That(together[v], Is.EqualTo(alone), "vector " + v);
        }
    }

    private static string Post(int length)
    {
        var text = new System.Text.StringBuilder();
        for (var k = 0; text.Length < length; k++) text.Append(Filler[k % Filler.Length]).Append(' ');
        return text.ToString()[..length].Trim();
    }

    private static string[] Sentences(string text) => [.. text.Split(". ").Select(s => s.Trim()).Where(s => s.Length > 0)];

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    /// <summary>One crisis head on a one-vector pool whose Platt offset makes every text plausible, or none.</summary>
    private static SignalHeads Heads(bool alwaysPlausible)
    {
        var pool = new SupportVectorPool(3, 1.0, [1f, 0f, 0f]);
        var machine = new KernelModel(0, 0, alwaysPlausible ? -10 : 10, [0], [1f]);
        return new SignalHeads("test", pool, [new SignalHead("crisis", Signal.Crisis, 0.5, machine)]);
    }

    private sealed class ConstantEncoder : ITextEncoder
    {
        public int Dimensions => 3;

        public float[][] Encode(IReadOnlyList<string> texts) => [.. texts.Select(_ => new[] { 0f, 1f, 0f })];
    }
}
