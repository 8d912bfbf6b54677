using System.Globalization;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Ledger;

namespace CompanionBot.Perception;

/// <summary>One signal's figures through the whole appraiser on a split: a line counts as read when the appraisal has the signal.</summary>
public sealed record SignalFigures(string Label, int Positives, int TruePositives, int FalsePositives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? 1 : (double)TruePositives / Positives;
}

/// <summary>A count out of a total (a recall or a false-alarm rate).</summary>
public sealed record Rate(int Count, int Total)
{
    public double Value => Total == 0 ? 0 : (double)Count / Total;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count}/{Total} ({100 * Value:0.0}%)");
}

/// <summary>The crisis figures that matter for safety: both sides, always reported together.</summary>
public sealed record CrisisFigures(Rate Recall, Rate ImplicitRecall, Rate FalseOnEveryday, Rate FalseOnLookalikes, Rate FalseOnHyperbole, Rate FalseOnLongPosts, IReadOnlyList<string> Missed, IReadOnlyList<string> FalseAlarms);

public sealed record SplitScore(string Split, int Examples, IReadOnlyList<SignalFigures> Signals, CrisisFigures Crisis)
{
    public SignalFigures Of(Signal signal) => Signals.First(s => s.Label == WireNames.Of(signal));
}

/// <summary>
/// Scores the appraiser as it ships (lexicon, heads, structural rules) on one split of training/: every line as a new
/// member's first message. Per signal, precision and recall of "the appraisal has the signal" against the labels; for
/// crisis, recall (all, and on the files of implicit phrasing) and false alarms on everyday posts, look-alike prompts,
/// hyperbole and long posts. The test split is scored this way once per change and never used to choose anything.
/// </summary>
public static class SplitScoring
{
    /// <summary>Crisis without the obvious words.</summary>
    public static readonly IReadOnlySet<string> ImplicitFiles = new HashSet<string> { "crisis-implicit", "hard-crisis", "s3-crisis" };

    /// <summary>Everyday emotional posts: distress, no risk.</summary>
    public static readonly IReadOnlySet<string> EverydayFiles = new HashSet<string> { "distress-everyday", "hard-everyday-emotion", "goemotions-safety", "everyday-safe", "s3-everyday", "long-everyday" };

    /// <summary>Safe prompts with a risky word (homonyms, questions about the subject, fiction, news).</summary>
    public static readonly IReadOnlySet<string> LookalikeFiles = new HashSet<string> { "crisis-lookalikes", "hard-lookalike-prompts", "s3-lookalike" };

    /// <summary>Hyperbole and ordinary fear (sore muscles, games, deadlines, decisions, late-night talks).</summary>
    public static readonly IReadOnlySet<string> HyperboleFiles = new HashSet<string> { "hyperbole-fear" };

    /// <summary>A post at least this long counts as long (the false crises the issue measured were about 1,400 characters).</summary>
    public const int LongPost = 600;

    public static SplitScore Score(MessageAppraiser appraiser, string folder, string suffix)
    {
        var examples = LabelledExamples.Read(folder, suffix);
        if (examples.Count == 0) throw new FormatException($"no *{suffix} examples in {folder}");
        var now = DateTimeOffset.UnixEpoch;
        var read = examples.Select(e => appraiser.Appraise(e.Text, CarriedRisk.None, now).Signals.Keys.ToHashSet()).ToArray();

        var labels = examples.SelectMany(e => e.Labels).Distinct().OrderBy(s => (int)s).ToArray();
        var signals = labels.Select(s => new SignalFigures(WireNames.Of(s),
            examples.Count(e => e.Labels.Contains(s)),
            examples.Where((e, i) => e.Labels.Contains(s) && read[i].Contains(s)).Count(),
            examples.Where((e, i) => !e.Labels.Contains(s) && read[i].Contains(s)).Count())).ToArray();
        return new SplitScore(suffix.Trim('.').Split('.')[0], examples.Count, signals, Crisis(examples, read));
    }

    private static CrisisFigures Crisis(IReadOnlyList<LabelledExample> examples, HashSet<Signal>[] read)
    {
        var flagged = read.Select(r => r.Contains(Signal.Crisis)).ToArray();
        Rate Among(Func<LabelledExample, bool> which)
        {
            var idx = Enumerable.Range(0, examples.Count).Where(i => which(examples[i])).ToArray();
            return new Rate(idx.Count(i => flagged[i]), idx.Length);
        }
        bool IsCrisis(LabelledExample e) => e.Labels.Contains(Signal.Crisis);
        bool In(LabelledExample e, IReadOnlySet<string> files) => files.Contains(Topic(e));
        var missed = examples.Where((e, i) => IsCrisis(e) && !flagged[i]).Select(e => $"{e.File}: {e.Text}").ToArray();
        var falseAlarms = examples.Where((e, i) => !IsCrisis(e) && flagged[i]).Select(e => $"{e.File}: {e.Text}").ToArray();
        return new CrisisFigures(
            Among(IsCrisis),
            Among(e => IsCrisis(e) && In(e, ImplicitFiles)),
            Among(e => !IsCrisis(e) && In(e, EverydayFiles)),
            Among(e => !IsCrisis(e) && In(e, LookalikeFiles)),
            Among(e => !IsCrisis(e) && In(e, HyperboleFiles)),
            Among(e => !IsCrisis(e) && e.Text.Length >= LongPost),
            missed, falseAlarms);
    }

    /// <summary>"hard-crisis" from "hard-crisis.test.jsonl:12".</summary>
    public static string Topic(LabelledExample example) => example.File[..example.File.IndexOf('.', StringComparison.Ordinal)];

    public static string Format(SplitScore score)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"the whole appraiser on the {score.Split} split ({score.Examples} lines, each a new member's first message)",
            "",
            $"{"label",-18} {"pos",5} {"prec",6} {"recall",6}",
        };
        lines.AddRange(score.Signals.Select(s => string.Create(c, $"{s.Label,-18} {s.Positives,5} {s.Precision,6:0.00} {s.Recall,6:0.00}")));
        var k = score.Crisis;
        lines.Add("");
        lines.Add($"crisis recall             {k.Recall}");
        lines.Add($"  implicit phrasing       {k.ImplicitRecall}");
        lines.Add($"false crisis, everyday    {k.FalseOnEveryday}");
        lines.Add($"false crisis, look-alikes {k.FalseOnLookalikes}");
        lines.Add($"false crisis, hyperbole   {k.FalseOnHyperbole}");
        lines.Add($"false crisis, long posts  {k.FalseOnLongPosts} (non-crisis lines of {LongPost}+ characters)");
        lines.Add("");
        if (score.Split == "test")
        {
            lines.Add($"missed crises {k.Missed.Count}, false crises {k.FalseAlarms.Count} (texts not shown: the test split is never used to choose)");
            return string.Join('\n', lines);
        }
        lines.Add($"missed crises ({k.Missed.Count}):");
        lines.AddRange(k.Missed.Select(t => "  " + Clip(t)));
        lines.Add($"false crises ({k.FalseAlarms.Count}):");
        lines.AddRange(k.FalseAlarms.Select(t => "  " + Clip(t)));
        return string.Join('\n', lines);
    }

    private static string Clip(string text) => text.Length > 160 ? text[..157] + "..." : text;
}
