using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Personas;

/// <summary>
/// Changes one scalar field of a persona's YAML text (<c>/persona set teasing 0.2</c>). Lists, rules and offline
/// lines are changed by importing a whole file. The result still goes through <see cref="PersonaYamlReader"/>.
/// </summary>
public static class PersonaFieldEditor
{
    public static readonly IReadOnlyList<string> SettableFields =
    [
        "name", "age", "about", "voice", "selectivity", "teasing", "friction_half_life",
        "romance.allowed", "romance.from_stage", "model.temperature", "model.max_output_tokens",
        .. new[] { "acquaintance", "friend", "close" }.SelectMany(stage =>
            new[] { "days_known", "conversation_days", "trust", "warmth" }.Select(gate => $"pacing.{stage}.{gate}")),
    ];

    /// <summary>The YAML text with <paramref name="field"/> set to <paramref name="value"/>, or an error naming what is allowed.</summary>
    public static (string? Yaml, string? Error) Set(string yaml, string field, string value)
    {
        var path = field.Trim().ToLowerInvariant();
        if (!SettableFields.Contains(path))
        {
            return (null, $"{field}: not a field /persona set can change; settable fields: {string.Join(", ", SettableFields)}. " +
                "Style examples, rules and offline lines change through /persona import.");
        }
        if (value.Length > 2000) return (null, $"{path}: the value is too long (2000 characters at most)");
        YamlStream stream;
        try
        {
            stream = new YamlStream();
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return (null, "the current persona text is not valid YAML; import a whole file with /persona import or use /persona reset");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            return (null, "the current persona text is not a mapping of fields; use /persona import or /persona reset");
        }
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            var key = new YamlScalarNode(part);
            if (!map.Children.TryGetValue(key, out var child) || child is not YamlMappingNode childMap)
            {
                childMap = new YamlMappingNode();
                map.Children[key] = childMap;
            }
            map = childMap;
        }
        map.Children[new YamlScalarNode(parts[^1])] = new YamlScalarNode(value.Trim());
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return (Clean(writer.ToString()), null);
    }

    private static string Clean(string saved)
    {
        var text = saved.TrimEnd();
        if (text.EndsWith("...", StringComparison.Ordinal)) text = text[..^3].TrimEnd();
        return text + "\n";
    }
}
