using System.Globalization;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Scenarios;

/// <summary>Reads scenario YAML strictly: an unknown stance, directive, flag or user is an error with file and line.</summary>
public static class ScenarioReader
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 1, 21, 0, 0, TimeSpan.Zero);

    public static Scenario Read(string path, PersonaConfig defaultPersona) =>
        Parse(File.ReadAllText(path), path, defaultPersona);

    public static Scenario Parse(string yaml, string file, PersonaConfig defaultPersona)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : throw Fail(file, 1, "the file must be a YAML mapping");
        }
        catch (YamlException ex)
        {
            throw Fail(file, (int)ex.Start.Line, $"not valid YAML: {ex.Message}");
        }
        Known(root, file, "scenario", "name", "about", "source", "where", "start", "persona", "users", "turns", "final", "compare");
        var name = Text(root, "name", file) ?? throw Fail(file, root.Start, "name is required");
        var where = Text(root, "where", file) ?? "dm";
        if (where is not ("dm" or "guild")) throw Fail(file, Node(root, "where")!.Start, $"where must be dm or guild, got '{where}'");
        var start = DefaultStart;
        if (Text(root, "start", file) is { } startText
            && !DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start))
        {
            throw Fail(file, Node(root, "start")!.Start, $"start must be an ISO 8601 time, got '{startText}'");
        }
        var users = ReadUsers(root, file);
        var turns = ReadTurns(root, file, users);
        return new Scenario(name, file, ReadPersona(root, file, defaultPersona), where == "guild", start, users, turns,
            ReadFinal(root, file, users), ReadCompare(root, file, users));
    }

    private static PersonaConfig ReadPersona(YamlMappingNode root, string file, PersonaConfig defaultPersona)
    {
        var persona = Text(root, "persona", file);
        if (persona is null or "default") return defaultPersona;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", persona);
        if (!File.Exists(path)) throw Fail(file, Node(root, "persona")!.Start, $"persona file not found: {persona}");
        try
        {
            return PersonaYamlReader.Parse(File.ReadAllText(path), persona);
        }
        catch (PersonaInvalidException ex)
        {
            throw Fail(file, Node(root, "persona")!.Start, ex.Message);
        }
    }

    private static Dictionary<string, string> ReadUsers(YamlMappingNode root, string file)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Node(root, "users") is not YamlMappingNode map) return new() { ["user"] = "1" };
        foreach (var (k, v) in map.Children)
        {
            var user = ((YamlScalarNode)k).Value!;
            if (v is YamlMappingNode entry) Known(entry, file, $"user {user}", "id");
            var id = v is YamlMappingNode um && Text(um, "id", file) is { } i ? i : user;
            users[user] = id;
        }
        return users;
    }

    private static List<ScenarioTurn> ReadTurns(YamlMappingNode root, string file, Dictionary<string, string> users)
    {
        if (Node(root, "turns") is not YamlSequenceNode seq || seq.Children.Count == 0) throw Fail(file, root.Start, "turns must be a non-empty list");
        var turns = new List<ScenarioTurn>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode t) throw Fail(file, item.Start, "each turn must be a mapping with say");
            Known(t, file, "turn", "say", "as", "after", "expect");
            var line = (int)t.Start.Line;
            var say = Text(t, "say", file) ?? throw Fail(file, t.Start, "say is required");
            var who = Text(t, "as", file) ?? (users.Count == 1 ? users.Keys.First() : throw Fail(file, t.Start, "as is required when there are several users"));
            if (!users.ContainsKey(who)) throw Fail(file, t.Start, $"unknown user '{who}'");
            var after = TimeSpan.FromMinutes(1);
            if (Text(t, "after", file) is { } afterText && !DurationText.TryParse(afterText, out after))
            {
                throw Fail(file, Node(t, "after")!.Start, $"after must be a duration such as 30s, 5m, 2h or 1d, got '{afterText}'");
            }
            var expect = Node(t, "expect") as YamlMappingNode;
            if (expect is not null) Known(expect, file, "expect", "stance", "not", "directives", "flags", "act", "noticed", "topic");
            turns.Add(new ScenarioTurn(turns.Count + 1, line, who, after, say, new TurnExpectation(
                Enums<Stance>(expect, "stance", file), Enums<Stance>(expect, "not", file),
                Enums<Directive>(expect, "directives", file), Flags(expect, file))
            {
                Acts = Enums<ReplyAct>(expect, "act", file),
                Noticed = Noticed(expect, file),
                Topic = expect is null ? null : Text(expect, "topic", file),
            }));
        }
        return turns;
    }

    private static Dictionary<string, IReadOnlyList<Stage>> ReadFinal(YamlMappingNode root, string file, Dictionary<string, string> users)
    {
        var final = new Dictionary<string, IReadOnlyList<Stage>>(StringComparer.Ordinal);
        if (Node(root, "final") is not YamlMappingNode map) return final;
        foreach (var (k, v) in map.Children)
        {
            var user = ((YamlScalarNode)k).Value!;
            if (!users.ContainsKey(user)) throw Fail(file, k.Start, $"unknown user '{user}' in final");
            if (v is YamlMappingNode entry) Known(entry, file, $"final {user}", "stage");
            final[user] = Enums<Stage>(v as YamlMappingNode, "stage", file);
        }
        return final;
    }

    private static List<LedgerComparison> ReadCompare(YamlMappingNode root, string file, Dictionary<string, string> users)
    {
        var list = new List<LedgerComparison>();
        if (Node(root, "compare") is not YamlSequenceNode seq) return list;
        foreach (var item in seq.Children.OfType<YamlMappingNode>())
        {
            Known(item, file, "compare", "higher", "lower", "dimension");
            var higher = Text(item, "higher", file) ?? throw Fail(file, item.Start, "compare needs higher");
            var lower = Text(item, "lower", file) ?? throw Fail(file, item.Start, "compare needs lower");
            var dimension = Text(item, "dimension", file) ?? throw Fail(file, item.Start, "compare needs dimension");
            if (!users.ContainsKey(higher) || !users.ContainsKey(lower)) throw Fail(file, item.Start, "compare names an unknown user");
            if (dimension is not ("familiarity" or "trust" or "warmth" or "friction")) throw Fail(file, item.Start, $"unknown dimension '{dimension}'");
            list.Add(new LedgerComparison(higher, lower, dimension));
        }
        return list;
    }

    private static List<T> Enums<T>(YamlMappingNode? map, string key, string file) where T : struct, Enum
    {
        var result = new List<T>();
        if (map is null || Node(map, key) is not { } node) return result;
        var items = node is YamlSequenceNode seq ? seq.Children : [node];
        foreach (var item in items)
        {
            var text = (item as YamlScalarNode)?.Value;
            if (!WireNames.TryParse<T>(text, out var value)) throw Fail(file, item.Start, $"unknown {key} value '{text}'; allowed: {string.Join(", ", WireNames.All<T>())}");
            result.Add(value);
        }
        return result;
    }

    private static List<string> Noticed(YamlMappingNode? map, string file)
    {
        var result = new List<string>();
        if (map is null || Node(map, "noticed") is not { } node) return result;
        foreach (var item in node is YamlSequenceNode seq ? seq.Children : [node])
        {
            var text = (item as YamlScalarNode)?.Value ?? "";
            if (!BehaviourNames.Names.Contains(text)) throw Fail(file, item.Start, $"unknown noticed value '{text}'; allowed: {string.Join(", ", BehaviourNames.Names)}");
            result.Add(text);
        }
        return result;
    }

    private static List<string> Flags(YamlMappingNode? map, string file) =>
        Enums<Signal>(map, "flags", file).Select(s => WireNames.Of(s)).ToList();

    /// <summary>
    /// Refuses a key this reader does not know, naming file, line and key: a misspelt expectation
    /// (<c>directives_not:</c>, <c>flag:</c>) would otherwise check nothing and always pass.
    /// </summary>
    private static void Known(YamlMappingNode map, string file, string where, params string[] keys)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(name, StringComparer.Ordinal))
            {
                throw Fail(file, key.Start, $"unknown key '{name}' in {where}; allowed: {string.Join(", ", keys)}");
            }
        }
    }

    private static YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    private static string? Text(YamlMappingNode map, string key, string file) => Node(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => throw Fail(file, other.Start, $"{key} must be a single value"),
    };

    private static ScenarioInvalidException Fail(string file, Mark mark, string message) => Fail(file, (int)mark.Line, message);

    private static ScenarioInvalidException Fail(string file, int line, string message) => new($"{file}:{line}: {message}");
}
