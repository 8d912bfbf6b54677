using System.Text.Json;
using CompanionBot.Appraisal;
using CompanionBot.Common;

namespace CompanionBot.Perception;

/// <summary>One line of training/*.jsonl: a text and every label that applies to it (training/FORMAT.md).</summary>
public sealed record LabelledExample(string Text, IReadOnlySet<Signal> Labels, string Source, string File);

/// <summary>Reads the labelled example files; a malformed line or an unknown label stops with the file and line.</summary>
public static class LabelledExamples
{
    public static IReadOnlyList<LabelledExample> Read(string folder, string suffix)
    {
        var examples = new List<LabelledExample>();
        foreach (var path in Directory.GetFiles(folder, "*" + suffix).OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                examples.Add(Parse(line, $"{Path.GetFileName(path)}:{lineNumber}"));
            }
        }
        return examples;
    }

    public static LabelledExample Parse(string line, string where)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = root.GetProperty("text").GetString() ?? throw new FormatException($"{where}: text is null");
            var labels = new HashSet<Signal>();
            foreach (var label in root.GetProperty("labels").EnumerateArray())
            {
                if (!WireNames.TryParse<Signal>(label.GetString(), out var signal)) throw new FormatException($"{where}: unknown label '{label.GetString()}'");
                labels.Add(signal);
            }
            var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "";
            return new LabelledExample(text, labels, source, where);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
    }
}
