using System.Globalization;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Hosting;
using CompanionBot.Perception;

namespace CompanionBot.Modes;

/// <summary>
/// <c>train [--data training] [--out path]</c>: encodes the labelled examples, trains the signal heads, writes the
/// weights file, and prints per-label precision, recall, F1 and threshold on the validation split.
/// </summary>
public static class TrainMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, ConsoleIo io, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var data = commandLine.Option("data") ?? Path.Combine(root, "training");
        var output = commandLine.Option("out") ?? Path.Combine(root, "Bot", "Appraisal", "Semantic", SignalHeads.ResourceName);
        if (!Directory.Exists(data)) throw new CommandLineException($"no training folder at {data} (use --data)");
        using var encoder = new MiniLmTextEncoder();
        TrainingReport report;
        try
        {
            report = await Task.Run(() => HeadTraining.Run(encoder, data), cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new CommandLineException(ex.Message);
        }
        await File.WriteAllTextAsync(output, report.Heads.ToJson(), cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync(Format(report, output)).ConfigureAwait(false);
        return 0;
    }

    public static string Format(TrainingReport report, string output)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"trained {report.Labels.Count} heads on {report.TrainExamples} examples; validated on {report.ValidExamples} (never trained on)",
            $"encoding {report.EncodeTime.TotalSeconds.ToString("0.0", c)} s, training {report.TrainTime.TotalSeconds.ToString("0.0", c)} s; weights written to {output}",
            "",
            $"{"label",-18} {"train+",6} {"valid+",6} {"thresh",6} {"prec",6} {"recall",6} {"f1",6}",
        };
        foreach (var r in report.Labels)
        {
            var v = r.Validation;
            lines.Add(string.Create(c, $"{r.Label,-18} {r.TrainPositives,6} {v.Positives,6} {v.Threshold,6:0.00} {v.Precision,6:0.00} {v.Recall,6:0.00} {v.F1,6:0.00}"));
        }
        lines.Add("");
        lines.Add($"crisis false positives on validation at the chosen threshold ({report.CrisisFalsePositives.Count}):");
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
