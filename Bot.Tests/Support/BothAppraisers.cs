using CompanionBot.Appraisal;

namespace CompanionBot.Tests.Support;

/// <summary>
/// Runs a case through the lexicon alone (what reads when the encoder is off or unavailable: the floor) and through
/// the appraiser that ships (lexicon, MiniLM encoder and the committed heads), so a change to either is caught.
/// </summary>
public static class BothAppraisers
{
    public const string Lexicon = "lexicon";
    public const string Shipped = "shipped";

    /// <summary>Each case twice, with the appraiser's name as its last argument.</summary>
    public static IEnumerable<object[]> Cases(IEnumerable<object[]> cases) =>
        cases.SelectMany(c => new[] { c.Append(Lexicon).ToArray(), c.Append(Shipped).ToArray() });

    public static IEnumerable<object[]> Texts(IEnumerable<string> texts) => Cases(texts.Select(t => new object[] { t }));

    public static MessageAppraisal Appraise(string text, string appraiser) =>
        appraiser == Shipped ? Semantic.Appraise(text) : Engine.Appraise(text);
}

/// <summary>The normalised texts of training/ splits, so a test can show that its cases are held out.</summary>
public static class TrainingLines
{
    public static IReadOnlySet<string> Normalised(params string[] suffixes)
    {
        var folder = SharedFiles.Repo("training");
        return suffixes.SelectMany(s => CompanionBot.Perception.LabelledExamples.Read(folder, s)).Select(e => Normalise(e.Text)).ToHashSet(StringComparer.Ordinal);
    }

    public static string Normalise(string text) => CompanionBot.Tests.Perception.TrainingDataTests.Normalise(text);
}
