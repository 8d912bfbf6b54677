using System.Reflection;
using System.Xml.Linq;
using CompanionBot.Appraisal;

namespace CompanionBot.Tests.Architecture;

/// <summary>
/// The engine is pure by construction: it may reference the base class library and YamlDotNet (persona and lexicon
/// files), nothing else. If storage, transport, hosting or a network library ever creeps in, these fail.
/// </summary>
public sealed class EngineReferencesTests
{
    private static readonly Assembly Engine = typeof(MessageAppraiser).Assembly;

    [Test]
    public void EngineAssembly_References_OnlyTheBaseClassLibraryAndYamlDotNet()
    {
        var outside = Engine.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !IsBaseClassLibrary(name) && name != "YamlDotNet")
            .ToList();

        Assert.That(outside, Is.Empty, "the engine must not reference anything outside the BCL and YamlDotNet");
    }

    [Test]
    public void EngineProject_HasNoProjectReferenceAndOnlyTheYamlPackage()
    {
        var project = XDocument.Load(SourceTree.File("Engine/Engine.csproj"));
        var projects = project.Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")).ToList();
        var packages = project.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include")).ToList();

        Assert.That(projects, Is.Empty);
        Assert.That(packages, Is.EquivalentTo(new[] { "YamlDotNet" }));
    }

    private static bool IsBaseClassLibrary(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name == "System";
}
