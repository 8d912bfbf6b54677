using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Stances;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Personas;

/// <summary>
/// Reads and validates a persona file. The same check runs when a file loads and when a moderator saves one:
/// every error names the field and what is allowed, and nothing is applied unless the whole file is valid.
/// </summary>
public static class PersonaYamlReader
{
    private static readonly string[] TopFields =
    [
        "name", "age", "about", "voice", "style_examples", "pacing", "selectivity", "teasing",
        "friction_half_life", "romance", "model", "rules", "offline_lines", "phrases", "facts", "noticed",
    ];

    private static readonly string[] GateFields = ["days_known", "conversation_days", "trust", "warmth"];

    public static PersonaConfig Parse(string yaml, string source)
    {
        var errors = new List<string>();
        var nodes = new YamlNodes(errors);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                throw new PersonaInvalidException(source, ["the file must be a YAML mapping of persona fields"]);
            }
            root = map;
        }
        catch (YamlException ex)
        {
            throw new PersonaInvalidException(source, [$"line {ex.Start.Line}: not valid YAML: {ex.Message}"]);
        }

        nodes.RejectUnknown(root, "", TopFields);
        var name = nodes.String(root, "", "name", required: true)?.Trim();
        if (name is { Length: 0 or > 64 }) nodes.Error("name", YamlNodes.Child(root, "name"), "must be 1 to 64 characters");
        var age = nodes.Number(root, "", "age", 18, 120, required: true);
        var persona = new PersonaConfig
        {
            Name = name ?? "",
            Age = (int)(age ?? 18),
            About = nodes.String(root, "", "about", required: false) ?? "",
            Voice = nodes.String(root, "", "voice", required: false) ?? "",
            StyleExamples = nodes.StringList(root, "", "style_examples"),
            Pacing = ReadPacing(nodes, root),
            Selectivity = nodes.Number(root, "", "selectivity", 0, 1, required: false) ?? 0.5,
            Teasing = nodes.Number(root, "", "teasing", 0, 1, required: false) ?? 0.6,
            FrictionHalfLife = nodes.Duration(root, "", "friction_half_life") ?? TimeSpan.FromHours(12),
            Romance = ReadRomance(nodes, root),
            Model = ReadModel(nodes, root),
            Rules = RuleYamlReader.ReadRules(nodes, root),
            OfflineLines = ReadOfflineLines(nodes, root),
            VoiceBank = VoiceYamlReader.Read(nodes, root),
        };
        if (errors.Count > 0) throw new PersonaInvalidException(source, errors);
        return persona;
    }

    private static PacingConfig ReadPacing(YamlNodes nodes, YamlMappingNode root)
    {
        var fallback = DefaultPacing;
        var map = nodes.Map(root, "", "pacing", required: false);
        if (map is null) return fallback;
        nodes.RejectUnknown(map, "pacing", ["acquaintance", "friend", "close"]);
        var pacing = new PacingConfig(
            ReadGate(nodes, map, "acquaintance", fallback.Acquaintance),
            ReadGate(nodes, map, "friend", fallback.Friend),
            ReadGate(nodes, map, "close", fallback.Close));
        if (pacing.Friend.DaysKnown < pacing.Acquaintance.DaysKnown || pacing.Close.DaysKnown < pacing.Friend.DaysKnown)
        {
            nodes.Error("pacing", map, "days_known must not decrease from acquaintance to friend to close");
        }
        return pacing;
    }

    public static PacingConfig DefaultPacing { get; } = new(
        new StageGate(0.5, 2, 0.3, 0.25),
        new StageGate(3, 3, 0.5, 0.45),
        new StageGate(14, 8, 0.75, 0.7));

    private static StageGate ReadGate(YamlNodes nodes, YamlMappingNode pacing, string stage, StageGate fallback)
    {
        var path = "pacing." + stage;
        var map = nodes.Map(pacing, "pacing", stage, required: false);
        if (map is null) return fallback;
        nodes.RejectUnknown(map, path, GateFields);
        return new StageGate(
            nodes.Number(map, path, "days_known", 0, 3650, required: false) ?? fallback.DaysKnown,
            (int)(nodes.Number(map, path, "conversation_days", 0, 3650, required: false) ?? fallback.ConversationDays),
            nodes.Number(map, path, "trust", 0, 1, required: false) ?? fallback.Trust,
            nodes.Number(map, path, "warmth", 0, 1, required: false) ?? fallback.Warmth);
    }

    private static RomanceConfig ReadRomance(YamlNodes nodes, YamlMappingNode root)
    {
        var map = nodes.Map(root, "", "romance", required: false);
        if (map is null) return new RomanceConfig(false, Stage.Close);
        nodes.RejectUnknown(map, "romance", ["allowed", "from_stage"]);
        var allowed = nodes.Bool(map, "romance", "allowed") ?? false;
        var stageText = nodes.String(map, "romance", "from_stage", required: false);
        var stage = Stage.Friend;
        if (stageText is not null && (!WireNames.TryParse(stageText, out stage) || stage == Stage.Stranger))
        {
            nodes.Error("romance.from_stage", YamlNodes.Child(map, "from_stage"), $"must be one of acquaintance, friend, close, got '{stageText}'");
        }
        return new RomanceConfig(allowed, stage);
    }

    private static ModelSettings ReadModel(YamlNodes nodes, YamlMappingNode root)
    {
        var map = nodes.Map(root, "", "model", required: false);
        if (map is null) return new ModelSettings(0.8, 400);
        nodes.RejectUnknown(map, "model", ["temperature", "max_output_tokens"]);
        return new ModelSettings(
            nodes.Number(map, "model", "temperature", 0, 2, required: false) ?? 0.8,
            (int)(nodes.Number(map, "model", "max_output_tokens", 16, 4000, required: false) ?? 400));
    }

    private static IReadOnlyDictionary<Stance, IReadOnlyList<string>> ReadOfflineLines(YamlNodes nodes, YamlMappingNode root)
    {
        var result = new Dictionary<Stance, IReadOnlyList<string>>();
        var map = nodes.Map(root, "", "offline_lines", required: true);
        if (map is null) return result;
        nodes.RejectUnknown(map, "offline_lines", WireNames.All<Stance>().ToArray());
        foreach (var stance in Enum.GetValues<Stance>())
        {
            var key = WireNames.Of(stance);
            var lines = nodes.StringList(map, "offline_lines", key);
            if (lines.Count == 0) nodes.Error($"offline_lines.{key}", map, "needs at least one line");
            result[stance] = lines;
        }
        return result;
    }
}
