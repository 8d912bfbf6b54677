using System.Text.RegularExpressions;
using CompanionBot.Perception;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// The hygiene of training/: three splits that never share a line, one label set per text, a documented source for
/// every file, and none of the data sets kept for independent measurement. Near-duplicate means token-set Jaccard
/// of at least <see cref="NearJaccard"/> on normalised text (lowercase, apostrophes dropped, punctuation to spaces),
/// the measure the data files were checked with; the encoder is not used here, so the test is fast and exact.
/// </summary>
public sealed partial class TrainingDataTests
{
    public const double NearJaccard = 0.7;

    private static readonly string[] Splits = [HeadTraining.TrainSuffix, HeadTraining.TuneSuffix, HeadTraining.TestSuffix];

    /// <summary>DEVELOPERS.md and issue 20: never fetched, read or used (Counsel Chat is re-hosted inside the crisis set's sources).</summary>
    private static readonly string[] Reserved =
    [
        "ellisalicante", "llms-mental-health-crisis", "counsel-chat", "counselchat", "nbertagnolli", "mental_health_counseling_conversations",
        "exaggerated-safety", "xstest", "simplesafetytests", "boundary-aware-ai-companion", "mental-disorder-detection-data",
        "marmikpandya", "fadodr", "psyset", "transformed_suicidal_ideation", "test_test_self_harm_all_levels",
        "self-harm-synthetic-eval", "suicidal_finetune", "mentalchat16k", "nart-100k-synthetic", "intima-dev", "intima-test",
    ];

    [Test]
    public void Splits_NoLineInTwoSplits_NeitherExactNorNear()
    {
        var lines = AllLines();
        var tokens = lines.Select(l => Tokens(l.Normalised)).ToArray();
        var postings = new Dictionary<string, List<int>>();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var t in tokens[i])
            {
                if (!postings.TryGetValue(t, out var list)) postings[t] = list = [];
                list.Add(i);
            }
        }
        var problems = new List<string>();
        var shared = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            Array.Clear(shared);
            foreach (var t in tokens[i]) foreach (var j in postings[t]) shared[j]++;
            for (var j = i + 1; j < lines.Count; j++)
            {
                if (lines[i].Split == lines[j].Split) continue;
                if (lines[i].Normalised == lines[j].Normalised)
                {
                    problems.Add($"exact: {lines[i].Where} = {lines[j].Where}");
                    continue;
                }
                var union = tokens[i].Count + tokens[j].Count - shared[j];
                if (union > 0 && (double)shared[j] / union >= NearJaccard)
                    problems.Add($"near ({(double)shared[j] / union:0.00}): {lines[i].Where} ~ {lines[j].Where}: \"{lines[i].Text}\" / \"{lines[j].Text}\"");
            }
        }

        Assert.That(problems, Is.Empty, "lines shared between train, tune and test:\n" + string.Join('\n', problems));
    }

    [Test]
    public void Labels_SameTextAnywhere_CarriesOneLabelSet()
    {
        var conflicts = AllLines().GroupBy(l => l.Normalised)
            .Where(g => g.Select(l => string.Join(',', l.Labels.Order())).Distinct().Count() > 1)
            .Select(g => string.Join(" | ", g.Select(l => $"{l.Where} [{string.Join(',', l.Labels.Order())}]")))
            .ToArray();

        Assert.That(conflicts, Is.Empty, "texts labelled two ways:\n" + string.Join('\n', conflicts));
    }

    [Test]
    public void Sources_EveryFileAndPublicSource_IsDocumentedInSourcesMd()
    {
        var folder = SharedFiles.Repo("training");
        var sources = File.ReadAllText(Path.Combine(folder, "SOURCES.md"));
        var files = Directory.GetFiles(folder, "*.jsonl").Select(Path.GetFileName).ToArray();
        var undocumented = files.Where(f => !sources.Contains(Topic(f!), StringComparison.Ordinal)).ToArray();
        var publicSources = AllLines().Select(l => l.Source).Where(s => s != "written").Distinct().ToArray();

        Assert.That(files, Is.Not.Empty);
        Assert.That(undocumented, Is.Empty, "files SOURCES.md does not name");
        Assert.That(publicSources.Where(s => !sources.Contains(s, StringComparison.Ordinal)), Is.Empty, "public sources SOURCES.md does not name");
        Assert.That(files.All(f => Splits.Any(s => f!.EndsWith(s, StringComparison.Ordinal))), Is.True, "every file is a train, tune or test split: " + string.Join(", ", files));
    }

    [Test]
    public void Sources_NoLineFromAReservedDataSet()
    {
        var folder = SharedFiles.Repo("training");
        var names = Directory.GetFiles(folder, "*.jsonl").Select(f => Path.GetFileName(f).ToLowerInvariant());
        var offending = AllLines().Where(l => Reserved.Any(r => l.Source.Contains(r, StringComparison.OrdinalIgnoreCase))).Select(l => l.Where)
            .Concat(names.Where(n => Reserved.Any(r => n.Contains(r, StringComparison.Ordinal)) || n.Contains("counsel", StringComparison.Ordinal)))
            .ToArray();

        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void Splits_TestSplitHoldsEveryRelationalAndSafetySignal()
    {
        var test = AllLines().Where(l => l.Split == HeadTraining.TestSuffix).ToArray();
        string[] wanted = ["crisis", "vulnerability", "claimed_history", "entitlement", "guilt_trip", "respect", "reciprocity", "dependency", "affection_demand", "commitment_demand", "intimacy_bid", "banter"];

        foreach (var label in wanted) Assert.That(test.Count(l => l.Labels.Contains(label)), Is.GreaterThanOrEqualTo(9), label);
    }

    private static string Topic(string file) => file[..file.IndexOf('.', StringComparison.Ordinal)];

    private sealed record Line(string Text, string Normalised, string[] Labels, string Source, string Split, string Where);

    private static readonly Lazy<IReadOnlyList<Line>> Lines = new(() =>
    {
        var folder = SharedFiles.Repo("training");
        var lines = new List<Line>();
        foreach (var split in Splits)
        {
            foreach (var e in LabelledExamples.Read(folder, split))
                lines.Add(new Line(e.Text, Normalise(e.Text), e.Labels.Select(s => Common.WireNames.Of(s)).ToArray(), e.Source, split, e.File));
        }
        return lines;
    });

    private static IReadOnlyList<Line> AllLines() => Lines.Value;

    public static string Normalise(string text) =>
        string.Join(' ', NonWord().Replace(text.ToLowerInvariant().Replace("’", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal), " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static HashSet<string> Tokens(string normalised) => normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[^\w\s]")]
    private static partial Regex NonWord();
}
