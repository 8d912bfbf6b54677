using Assembly = System.Reflection.Assembly;
using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;

namespace CompanionBot.Tests.Architecture;

/// <summary>
/// What compiled code really uses, read from the IL by ArchUnitNET: every type's dependencies (fields, signatures,
/// base types, attributes and method bodies, so a fully qualified name or a call in a body counts and an unused
/// <c>using</c> does not), and every member it calls.
/// </summary>
public sealed class CodeGraph
{
    private readonly IReadOnlyList<IType> _types;

    private CodeGraph(IReadOnlyList<IType> types) => _types = types;

    /// <summary>The graph of <paramref name="assemblies"/>; dependencies into other assemblies are kept as targets.</summary>
    public static CodeGraph Of(params Assembly[] assemblies)
    {
        var architecture = new ArchLoader().LoadAssemblies(assemblies).Build();
        var names = assemblies.Select(a => a.GetName().Name).ToHashSet(StringComparer.Ordinal);
        var own = architecture.Types.Where(t => names.Contains(t.Assembly.Name.Split(',')[0])).ToList();
        return new CodeGraph(own);
    }

    /// <summary>Type to type edges: origin type, its namespace, target type full name, target namespace.</summary>
    public IEnumerable<TypeEdge> TypeEdges() =>
        _types.SelectMany(t => t.Dependencies.Where(d => d.Target?.Namespace is not null).Select(d => new TypeEdge(Outer(t.FullName), t.Namespace.FullName, Outer(d.Target.FullName), d.Target.Namespace.FullName)))
            .Distinct();

    /// <summary>Calls and field reads from any member of the graph's types: origin type, target type, target member name.</summary>
    public IEnumerable<MemberEdge> MemberEdges() =>
        _types.SelectMany(t => t.Members.SelectMany(m => m.MemberDependencies).Select(d => d switch
            {
                MethodCallDependency { TargetMember.DeclaringType: not null } call => new MemberEdge(Outer(t.FullName), call.TargetMember.DeclaringType.FullName, call.TargetMember.Name),
                _ => null,
            }))
            .OfType<MemberEdge>()
            .Distinct();

    /// <summary>Every namespace a type of the graph lives in.</summary>
    public IEnumerable<string> Namespaces() => _types.Select(t => t.Namespace.FullName).Distinct();

    // Compiler-made and nested types (closures, state machines) count as the type that wrote them.
    private static string Outer(string fullName) => fullName.Split('+', '/')[0];
}

public sealed record TypeEdge(string Origin, string OriginNamespace, string Target, string TargetNamespace);

public sealed record MemberEdge(string Origin, string TargetType, string TargetMember);
