namespace CompanionBot.Tests.Architecture;

/// <summary>Depth-first search for one cycle in a directed graph, in a stable order so a failure reads the same each run.</summary>
public static class CycleFinder
{
    public static IReadOnlyList<string>? Find(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, graph, [], done) is { } cycle) return cycle;
        }
        return null;
    }

    private static List<string>? Visit(string node, IReadOnlyDictionary<string, HashSet<string>> graph, List<string> path, HashSet<string> done)
    {
        var at = path.IndexOf(node);
        if (at >= 0) return [.. path[at..], node];
        if (done.Contains(node)) return null;
        path.Add(node);
        foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
        {
            if (Visit(next, graph, path, done) is { } cycle) return cycle;
        }
        path.RemoveAt(path.Count - 1);
        done.Add(node);
        return null;
    }
}
