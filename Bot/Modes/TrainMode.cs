using System.Globalization;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Terminal;
using CompanionBot.Perception;

namespace CompanionBot.Modes;

/// <summary>
/// <c>train [--data training] [--out path] [--cache file] [--cost C] [--gamma G]</c> (or <c>train --score test|tune [--heads path]</c>): encodes the labelled examples, trains the signal heads, writes the
/// weights file, and prints per-label precision, recall, F1 and threshold on the tune split (or, with --score, scores the whole appraiser on a split).
/// </summary>
public static class TrainMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, ConsoleIo io, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var data = commandLine.Option("data") ?? Path.Combine(root, "training");
        var output = commandLine.Option("out") ?? Path.Combine(root, "Engine", "Appraisal", "Semantic", SignalHeads.ResourceName);
        if (!Directory.Exists(data)) throw new CommandLineException($"no training folder at {data} (use --data)");
        using var encoder = new MiniLmTextEncoder();
        if (commandLine.Option("score") is { } split) return await ScoreAsync(commandLine, io, encoder, data, split, root).ConfigureAwait(false);
        var cachePath = commandLine.Option("cache");
        var cache = cachePath is null ? null : VectorCache.Load(cachePath);
        TrainingReport report;
        try
        {
            report = await Task.Run(() => HeadTraining.Run(encoder, data, cache, Options(commandLine)), cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new CommandLineException(ex.Message);
        }
        if (cachePath is not null) cache!.Save(cachePath);
        await File.WriteAllTextAsync(output, report.Heads.ToJson(), cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync(Format(report, output)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The whole appraiser (lexicon + the heads file, by default the one the build embeds) on the test or tune split.</summary>
    private static async Task<int> ScoreAsync(CommandLine commandLine, ConsoleIo io, MiniLmTextEncoder encoder, string data, string split, string root)
    {
        if (split is not ("test" or "tune")) throw new CommandLineException($"--score is test or tune, not '{split}'");
        var path = commandLine.Option("heads") ?? Path.Combine(root, "Engine", "Appraisal", "Semantic", SignalHeads.ResourceName);
        if (!File.Exists(path)) throw new CommandLineException($"no heads file at {path} (use --heads)");
        var heads = SignalHeads.Parse(await File.ReadAllTextAsync(path).ConfigureAwait(false));
        var appraiser = new CompanionBot.Appraisal.MessageAppraiser(CompanionBot.Appraisal.AppraisalLexicon.English(), new SemanticReader(encoder, heads));
        var score = SplitScoring.Score(appraiser, data, "." + split + ".jsonl");
        await io.Out.WriteLineAsync(SplitScoring.Format(score)).ConfigureAwait(false);
        return 0;
    }

    private static KernelTrainer.Options Options(CommandLine commandLine)
    {
        var defaults = new KernelTrainer.Options();
        return new KernelTrainer.Options(Positive(commandLine, "cost", defaults.Cost), Positive(commandLine, "gamma", defaults.Gamma));
    }

    private static double Positive(CommandLine commandLine, string name, double fallback)
    {
        if (commandLine.Option(name) is not { } text) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new CommandLineException($"--{name} must be a positive number, not '{text}'");
    }

    public static string Format(TrainingReport report, string output)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"trained {report.Labels.Count} heads on {report.TrainExamples} examples; thresholds chosen on {report.TuneExamples} tune examples (never trained on; the figures below are on them, so optimistic)",
            $"encoding {report.EncodeTime.TotalSeconds.ToString("0.0", c)} s, training {report.TrainTime.TotalSeconds.ToString("0.0", c)} s; weights written to {output}",
            "",
            $"{"label",-18} {"train+",6} {"tune+",6} {"thresh",6} {"prec",6} {"p-low",6} {"recall",6} {"f1",6} {"used",7}",
        };
        foreach (var r in report.Labels)
        {
            var v = r.Tune;
            lines.Add(string.Create(c, $"{r.Label,-18} {r.TrainPositives,6} {v.Positives,6} {v.Threshold,6:0.00} {v.Precision,6:0.00} {v.PrecisionLowerBound,6:0.00} {v.Recall,6:0.00} {v.F1,6:0.00} {(v.PrecisionLowerBound >= SemanticMerge.TrustedPrecision ? "signal" : "care"),7}"));
            if (r.AtCare.Threshold != v.Threshold) lines.Add(string.Create(c, $"{"",18} care threshold {r.AtCare.Threshold:0.00}: precision {r.AtCare.Precision:0.00}, recall {r.AtCare.Recall:0.00}"));
        }
        lines.Add("");
        lines.Add("crisis head on the tune split by threshold: " + string.Join("  ", report.CrisisCurve.Select(h => string.Create(c, $"{h.Threshold:0.00}:p{h.Precision:0.00}/r{h.Recall:0.00}"))));
        lines.Add("");
        lines.Add($"crisis false positives on the tune split at the care threshold ({report.CrisisFalsePositives.Count}):");
        lines.AddRange(report.CrisisFalsePositives.Select(t => "  " + t));
        return string.Join('\n', lines);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "training")) && Directory.Exists(Path.Combine(dir.FullName, "Bot"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
