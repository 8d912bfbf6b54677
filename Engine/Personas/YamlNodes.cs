using System.Globalization;
using YamlDotNet.RepresentationModel;

using CompanionBot.Common;

namespace CompanionBot.Personas;

/// <summary>Reads typed values out of a YAML mapping, collecting errors that name the field path and line.</summary>
internal sealed class YamlNodes(List<string> errors)
{
    public List<string> Errors { get; } = errors;

    public void Error(string path, YamlNode? node, string message) =>
        Errors.Add(node is null ? $"{path}: {message}" : $"{path} (line {node.Start.Line}): {message}");

    public void RejectUnknown(YamlMappingNode map, string path, IReadOnlyCollection<string> known)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!known.Contains(key.Value ?? ""))
            {
                Error(Join(path, key.Value ?? ""), key, $"unknown field; known fields: {string.Join(", ", known)}");
            }
        }
    }

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? String(YamlMappingNode map, string path, string key, bool required)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required) Error(Join(path, key), map, "is required");
            return null;
        }
        if (node is YamlScalarNode scalar) return scalar.Value;
        Error(Join(path, key), node, "must be text");
        return null;
    }

    public double? Number(YamlMappingNode map, string path, string key, double min, double max, bool required)
    {
        var text = String(map, path, key, required);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(Join(path, key), Child(map, key), $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return null;
    }

    public bool? Bool(YamlMappingNode map, string path, string key)
    {
        var text = String(map, path, key, required: false);
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        Error(Join(path, key), Child(map, key), $"must be true or false, got '{text}'");
        return null;
    }

    public TimeSpan? Duration(YamlMappingNode map, string path, string key)
    {
        var text = String(map, path, key, required: false);
        if (text is null) return null;
        if (DurationText.TryParse(text, out var value) && value > TimeSpan.Zero) return value;
        Error(Join(path, key), Child(map, key), $"must be a duration such as 30m, 12h or 2d, got '{text}'");
        return null;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string path, string key)
    {
        var node = Child(map, key);
        if (node is null) return [];
        if (node is YamlSequenceNode seq)
        {
            var list = new List<string>();
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) list.Add(s.Value);
                else Error(Join(path, key), item, "every item must be non-empty text");
            }
            return list;
        }
        Error(Join(path, key), node, "must be a list");
        return [];
    }

    public YamlMappingNode? Map(YamlMappingNode map, string path, string key, bool required)
    {
        var node = Child(map, key);
        if (node is YamlMappingNode child) return child;
        if (node is null && !required) return null;
        Error(Join(path, key), node ?? map, node is null ? "is required" : "must be a mapping of fields");
        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
