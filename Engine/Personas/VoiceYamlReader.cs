using System.Text.RegularExpressions;
using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Stances;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Personas;

/// <summary>
/// Reads the offline voice of a persona file (phrases, facts, noticed) with the same strictness as the rest: every
/// error names the field path (phrases[3].act), the line, and what is allowed.
/// </summary>
internal static partial class VoiceYamlReader
{
    private static readonly string[] PhraseFields = ["part", "act", "stance", "directive", "stage", "until_message", "introduced", "say"];

    public static PersonaVoice Read(YamlNodes nodes, YamlMappingNode root)
    {
        var facts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var opinions = new List<PersonaOpinion>();
        if (nodes.Map(root, "", "facts", required: false) is { } factMap)
        {
            var known = PersonaVoice.FactCategories.Select(c => c.Category).Append("opinions").ToArray();
            nodes.RejectUnknown(factMap, "facts", known);
            foreach (var (category, _) in PersonaVoice.FactCategories)
            {
                var lines = Lines(nodes, factMap, "facts", category, placeholders: false);
                if (lines.Count > 0) facts[category] = lines;
            }
            opinions = ReadOpinions(nodes, factMap);
        }
        return new PersonaVoice(ReadPhrases(nodes, root), facts, opinions, ReadNoticed(nodes, root));
    }

    private static List<PhraseEntry> ReadPhrases(YamlNodes nodes, YamlMappingNode root)
    {
        var list = new List<PhraseEntry>();
        foreach (var (entry, path) in Entries(nodes, root, "phrases", "phrases", "must be a list of entries with part and say", "must be a mapping with part and say"))
        {
            nodes.RejectUnknown(entry, path, PhraseFields);
            var partText = nodes.String(entry, path, "part", required: true);
            var part = PhrasePart.Acknowledge;
            if (partText is not null && !WireNames.TryParse(partText, out part))
            {
                nodes.Error(path + ".part", YamlNodes.Child(entry, "part"), $"must be one of {string.Join(", ", WireNames.All<PhrasePart>())}, got '{partText}'");
            }
            var acts = Enums<ReplyAct>(nodes, entry, path, "act");
            var directives = Enums<Directive>(nodes, entry, path, "directive");
            if (part == PhrasePart.Move && directives.Count == 0 && partText is not null)
            {
                nodes.Error(path + ".directive", entry, "is required for part move (the directive the line carries out)");
            }
            var until = nodes.Number(entry, path, "until_message", 1, 100_000, required: false);
            var say = Lines(nodes, entry, path, "say", placeholders: true);
            if (say.Count == 0 && YamlNodes.Child(entry, "say") is null) nodes.Error(path + ".say", entry, "is required: a list of lines");
            list.Add(new PhraseEntry(part, acts, Enums<Stance>(nodes, entry, path, "stance"), directives,
                Enums<Stage>(nodes, entry, path, "stage"), until is null ? null : (int)until, nodes.Bool(entry, path, "introduced"), say));
        }
        return list;
    }

    /// <summary>The mappings of a list field, each with its path ("phrases[2]"); a wrong shape is reported, never thrown.</summary>
    private static List<(YamlMappingNode Entry, string Path)> Entries(
        YamlNodes nodes, YamlMappingNode parent, string key, string path, string notAList, string notAMapping)
    {
        var entries = new List<(YamlMappingNode, string)>();
        var node = YamlNodes.Child(parent, key);
        if (node is null) return entries;
        if (node is not YamlSequenceNode seq)
        {
            nodes.Error(path, node, notAList);
            return entries;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (seq.Children[i] is YamlMappingNode entry) entries.Add((entry, at));
            else nodes.Error(at, seq.Children[i], notAMapping);
        }
        return entries;
    }

    private static List<PersonaOpinion> ReadOpinions(YamlNodes nodes, YamlMappingNode facts)
    {
        var list = new List<PersonaOpinion>();
        foreach (var (entry, path) in Entries(nodes, facts, "opinions", "facts.opinions", "must be a list of { about: [words], say: [lines] }", "must be a mapping with about and say"))
        {
            nodes.RejectUnknown(entry, path, ["about", "say"]);
            var about = OneOrMany(nodes, entry, path, "about").Select(a => a.Trim().ToLowerInvariant()).ToList();
            var say = Lines(nodes, entry, path, "say", placeholders: false);
            if (about.Count == 0) nodes.Error(path + ".about", entry, "needs at least one word the opinion is about");
            if (say.Count == 0) nodes.Error(path + ".say", entry, "needs at least one line");
            list.Add(new PersonaOpinion(about, say));
        }
        return list;
    }

    private static Dictionary<string, string> ReadNoticed(YamlNodes nodes, YamlMappingNode root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (nodes.Map(root, "", "noticed", required: false) is not { } map) return result;
        nodes.RejectUnknown(map, "noticed", BehaviourNames.Names);
        foreach (var name in BehaviourNames.Names)
        {
            if (nodes.String(map, "noticed", name, required: false) is { } text)
            {
                if (string.IsNullOrWhiteSpace(text) || text.Length > 200) nodes.Error("noticed." + name, YamlNodes.Child(map, name), "must be 1 to 200 characters");
                else result[name] = text.Trim();
            }
        }
        return result;
    }

    private static List<T> Enums<T>(YamlNodes nodes, YamlMappingNode entry, string path, string key) where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var text in OneOrMany(nodes, entry, path, key))
        {
            if (WireNames.TryParse<T>(text, out var value)) result.Add(value);
            else nodes.Error($"{path}.{key}", YamlNodes.Child(entry, key), $"unknown {key} '{text}'; allowed: {string.Join(", ", WireNames.All<T>())}");
        }
        return result;
    }

    private static IReadOnlyList<string> OneOrMany(YamlNodes nodes, YamlMappingNode entry, string path, string key) =>
        YamlNodes.Child(entry, key) is YamlScalarNode { Value: { } one } ? [one] : nodes.StringList(entry, path, key);

    private static List<string> Lines(YamlNodes nodes, YamlMappingNode map, string path, string key, bool placeholders)
    {
        var lines = OneOrMany(nodes, map, path, key).Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var where = $"{path}.{key}[{i}]";
            if (lines[i].Length > 300) nodes.Error(where, YamlNodes.Child(map, key), "a line is 300 characters at most");
            foreach (Match m in Placeholder().Matches(lines[i]))
            {
                var name = m.Groups[1].Value;
                if (!placeholders) nodes.Error(where, YamlNodes.Child(map, key), $"placeholders are not used here, found {{{name}}}");
                else if (!PersonaVoice.Placeholders.Contains(name))
                {
                    nodes.Error(where, YamlNodes.Child(map, key), $"unknown placeholder {{{name}}}; known: {string.Join(", ", PersonaVoice.Placeholders.Select(p => "{" + p + "}"))}");
                }
            }
        }
        return lines;
    }

    [GeneratedRegex(@"\{([a-z_]*)\}")]
    public static partial Regex Placeholder();
}
