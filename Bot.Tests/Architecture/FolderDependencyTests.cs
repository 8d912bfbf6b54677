using System.Text.RegularExpressions;

namespace CompanionBot.Tests.Architecture;

/// <summary>
/// Folders of Bot depend on each other in one direction only (read from each file's <c>using</c> lines; the engine's
/// namespaces do not count, the engine is below everything). Hosting is the composition root and may reach any folder;
/// nothing reaches back into it. Run: <c>dotnet test --filter FolderDependencyTests</c>.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private const string CompositionRoot = "Hosting";

    [Test]
    public void BotFolders_UsingLines_FormNoCycle()
    {
        var graph = Graph();
        var cycle = FindCycle(graph);

        Assert.That(cycle, Is.Null, () => "folder cycle: " + string.Join(" -> ", cycle!));
    }

    [Test]
    public void BotFolders_NothingButTheProgramReachesTheCompositionRoot()
    {
        var into = Graph().Where(kv => kv.Value.Contains(CompositionRoot)).Select(kv => kv.Key).ToList();

        Assert.That(into, Is.Empty, "only Program.cs may use Hosting");
    }

    [Test]
    public void FindCycle_TwoFoldersUsingEachOther_IsFound()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"] };

        Assert.That(FindCycle(graph), Is.EqualTo(new[] { "A", "B", "C", "A" }));
    }

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var engine = Directory.GetDirectories(SourceTree.File("Engine")).Select(Path.GetFileName).ToHashSet();
        var bot = SourceTree.File("Bot");
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(bot, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(bot, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length < 2 || relative[0] is "obj" or "bin") continue;
            var folder = relative[0] == "Tooling" && relative.Length > 2 ? relative[1] : relative[0];
            var edges = graph.TryGetValue(folder, out var set) ? set : graph[folder] = [];
            foreach (Match m in UsingLine().Matches(System.IO.File.ReadAllText(file)))
            {
                var target = m.Groups[1].Value;
                if (target != folder && !engine.Contains(target)) edges.Add(target);
            }
        }
        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string>();
            if (Visit(start, graph, path, done) is { } cycle) return cycle;
        }
        return null;
    }

    private static List<string>? Visit(string node, Dictionary<string, HashSet<string>> graph, List<string> path, HashSet<string> done)
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

    [GeneratedRegex(@"^using (?:static )?CompanionBot\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
