namespace CompanionBot.Tests.Architecture;

/// <summary>
/// The house rules, as functions from compiled code to violations (empty when the rule holds), so each can be run
/// on the product and, in its own test, on the planted violations of <c>Bot.Tests.Planted</c>.
/// </summary>
public static class ArchitectureRules
{
    /// <summary>The engine's layers, bottom first. A folder may use its own layer and those below, never one above.</summary>
    public static readonly IReadOnlyList<string[]> EngineLayers =
    [
        ["Common", "Vocabulary", "Safety"],   // shared words and the floor's fixed texts
        ["Personas"],                          // configuration: pure data
        ["Appraisal"],                         // perception
        ["Ledger"],                            // memory
        ["Stances"],                           // decision (stance rules and the reply plan)
        ["Prompting"],                         // expression: what the model is asked
        ["Replies"],                           // expression: what is said
        ["Turn"],                              // the turn that composes them
    ];

    /// <summary>Types the pure engine never uses: files, network, console, processes, threads, the clock, randomness.</summary>
    public static readonly string[] ImpureTypePrefixes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.DriveInfo", "System.IO.Pipes", "System.Net.", "System.Console", "System.Diagnostics.Process",
        "System.Diagnostics.Stopwatch", "System.Threading.Thread", "System.Threading.Timer", "System.TimeProvider",
        "System.Random", "System.Environment", "System.Security.Cryptography.RandomNumberGenerator", "Microsoft.Data.",
        "Microsoft.Extensions.", "Npgsql", "Discord",
    ];

    /// <summary>Members the pure engine never calls: the wall clock and ambient waits.</summary>
    public static readonly (string Type, string Member)[] ImpureMembers =
    [
        ("System.DateTime", "get_Now"), ("System.DateTime", "get_UtcNow"), ("System.DateTime", "get_Today"),
        ("System.DateTimeOffset", "get_Now"), ("System.DateTimeOffset", "get_UtcNow"), ("System.Threading.Tasks.Task", "Delay"),
    ];

    public static IReadOnlyList<string> EngineLayerOrder(CodeGraph graph) =>
        graph.TypeEdges()
            .Select(e => (e, from: LayerOf(e.OriginNamespace), to: LayerOf(e.TargetNamespace)))
            .Where(x => x.from >= 0 && x.to > x.from)
            .Select(x => $"{x.e.Origin} ({Folder(x.e.OriginNamespace)}) uses {x.e.Target} ({Folder(x.e.TargetNamespace)}, a layer above)")
            .Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> EngineIsPure(CodeGraph graph)
    {
        var types = graph.TypeEdges()
            .Where(e => ImpureTypePrefixes.Any(p => e.Target.StartsWith(p, StringComparison.Ordinal)))
            .Select(e => $"{e.Origin} uses {e.Target}");
        var members = graph.MemberEdges()
            .Where(e => ImpureMembers.Any(m => e.TargetType == m.Type && e.TargetMember.StartsWith(m.Member + "(", StringComparison.Ordinal)))
            .Select(e => $"{e.Origin} calls {e.TargetType}.{e.TargetMember}");
        return types.Concat(members).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A cycle among the namespaces (folders and sub-folders) under <paramref name="root"/>, or null.</summary>
    public static IReadOnlyList<string>? FolderCycle(CodeGraph graph, string root)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in graph.TypeEdges())
        {
            if (!Under(e.OriginNamespace, root) || !Under(e.TargetNamespace, root) || e.OriginNamespace == e.TargetNamespace) continue;
            (edges.TryGetValue(e.OriginNamespace, out var set) ? set : edges[e.OriginNamespace] = []).Add(e.TargetNamespace);
        }
        return CycleFinder.Find(edges);
    }

    /// <summary>Product code that uses developer tooling (namespaces under <paramref name="tooling"/>).</summary>
    public static IReadOnlyList<string> ProductWithoutTooling(CodeGraph product, string tooling) =>
        product.TypeEdges()
            .Where(e => Under(e.TargetNamespace, tooling) && !Under(e.OriginNamespace, tooling))
            .Select(e => $"{e.Origin} uses {e.Target}")
            .Concat(product.Namespaces().Where(n => Under(n, tooling)).Select(n => $"{n} is tooling inside the product"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static bool Under(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static string Folder(string ns) => ns.StartsWith("CompanionBot.", StringComparison.Ordinal) ? ns["CompanionBot.".Length..] : ns;

    private static int LayerOf(string ns)
    {
        if (!ns.StartsWith("CompanionBot.", StringComparison.Ordinal)) return -1;
        var top = ns["CompanionBot.".Length..].Split('.')[0];
        for (var i = 0; i < EngineLayers.Count; i++)
        {
            if (EngineLayers[i].Contains(top)) return i;
        }
        return -1;
    }
}
