using System.Globalization;
using System.Text.RegularExpressions;
using CompanionBot.Common;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Appraisal;

/// <summary>One pattern of a signal and how strongly a match carries it.</summary>
public sealed record SignalPattern(Regex Pattern, double Strength);

/// <summary>
/// Everything the appraiser knows about one signal in one language. (Patterns stay separate: each keeps its own
/// vectorised literal search, which one big alternation loses; measured slower for paragraphs.)
/// </summary>
public sealed record SignalLexicon(Signal Signal, IReadOnlyList<SignalPattern> Patterns, IReadOnlyList<Regex> Unless);

/// <summary>
/// A language's lexicon, loaded from YAML (Appraisal/Lexicons/*.yaml): word and phrase normalisation, then per
/// signal the patterns that carry it and the idioms that cancel it. Adding a language is adding a file.
/// </summary>
public sealed class AppraisalLexicon
{
    // No IgnoreCase: the normalizer lowercases every message first, and case-insensitive classes defeat the
    // vectorised literal searches that make most patterns fail fast.
    // Multiline: a message is scanned once with its sentences on separate lines, so ^, $ and . stay inside a sentence.
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.Multiline;

    /// <summary>A guard, not a budget: input is capped (<see cref="MessageAppraiser.MaxAppraisedLength"/>) and patterns are linear.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public AppraisalLexicon(string language, Dictionary<string, string> words, Dictionary<string, string> phrases, IReadOnlyList<SignalLexicon> signals)
    {
        Language = language;
        Words = words;
        Phrases = phrases;
        Signals = signals;
    }

    public string Language { get; }
    public Dictionary<string, string> Words { get; }
    /// <summary>Two-word phrases joined into one word ("i am" -> "im"); a one-word key works like a word.</summary>
    public Dictionary<string, string> Phrases { get; }
    public IReadOnlyList<SignalLexicon> Signals { get; }

    public static AppraisalLexicon English() => FromResource("en");

    public static AppraisalLexicon FromResource(string language)
    {
        var name = $"CompanionBot.Appraisal.Lexicons.{language}.yaml";
        using var stream = typeof(AppraisalLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no lexicon for language '{language}' ({name})");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    public static AppraisalLexicon Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var language = Scalar(root, "language") ?? throw Invalid(source, "language is required");
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "replace") is YamlMappingNode replace)
        {
            foreach (var (k, v) in replace.Children) words[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value!;
        }
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "phrases") is YamlMappingNode phraseMap)
        {
            foreach (var (k, v) in phraseMap.Children) phrases[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value!;
        }
        var signals = new List<SignalLexicon>();
        if (Child(root, "signals") is not YamlMappingNode signalMap) throw Invalid(source, "signals is required");
        foreach (var (k, v) in signalMap.Children)
        {
            var signalName = ((YamlScalarNode)k).Value!;
            if (!WireNames.TryParse<Signal>(signalName, out var signal)) throw Invalid(source, $"unknown signal '{signalName}' (line {k.Start.Line})");
            signals.Add(ReadSignal(signal, (YamlMappingNode)v, source));
        }
        return new AppraisalLexicon(language, words, phrases, signals);
    }

    private static SignalLexicon ReadSignal(Signal signal, YamlMappingNode map, string source)
    {
        var patterns = new List<SignalPattern>();
        if (Child(map, "patterns") is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children.Cast<YamlMappingNode>())
            {
                var text = Scalar(item, "p") ?? throw Invalid(source, $"pattern without p (line {item.Start.Line})");
                var strength = double.Parse(Scalar(item, "s") ?? "0.5", CultureInfo.InvariantCulture);
                patterns.Add(new SignalPattern(Compile(text, source, item), strength));
            }
        }
        var unless = new List<Regex>();
        if (Child(map, "unless") is YamlSequenceNode unlessSeq)
        {
            foreach (var item in unlessSeq.Children.Cast<YamlScalarNode>()) unless.Add(Compile(item.Value!, source, item));
        }
        return new SignalLexicon(signal, patterns, unless);
    }

    private static Regex Compile(string pattern, string source, YamlNode node)
    {
        try
        {
            return new Regex(pattern, Options, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(source, $"bad pattern at line {node.Start.Line}: {ex.Message}");
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static InvalidOperationException Invalid(string source, string message) => new($"{source}: {message}");
}
