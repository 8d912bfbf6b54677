using CompanionBot.Appraisal;
using CompanionBot.Hosting;

namespace CompanionBot.Tests.Architecture;

/// <summary>
/// The architecture rules, checked on compiled code (ArchUnitNET reads the IL), each beside a test that shows it
/// fails on its planted violation in <c>Bot.Tests.Planted</c>. Run: <c>dotnet test --filter ArchitectureTests</c>.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Lazy<CodeGraph> Engine = new(() => CodeGraph.Of(typeof(MessageAppraiser).Assembly));
    private static readonly Lazy<CodeGraph> Bot = new(() => CodeGraph.Of(typeof(BotProgram).Assembly));
    private static readonly Lazy<CodeGraph> Product = new(() => CodeGraph.Of(typeof(BotProgram).Assembly, typeof(MessageAppraiser).Assembly));
    private static readonly Lazy<CodeGraph> Planted = new(() => CodeGraph.Of(typeof(CompanionBot.Appraisal.PlantedUpwardUse).Assembly));

    [Test]
    public void EngineLayerOrder_Engine_HasNoUpwardUse() =>
        Assert.That(ArchitectureRules.EngineLayerOrder(Engine.Value), Is.Empty);

    [Test]
    public void EngineLayerOrder_PlantedPerceptionReadingMemory_IsReported() =>
        Assert.That(ArchitectureRules.EngineLayerOrder(Planted.Value),
            Has.Some.StartsWith("CompanionBot.Appraisal.PlantedUpwardUse (Appraisal) uses CompanionBot.Ledger.RelationshipState"));

    [Test]
    public void EngineIsPure_Engine_UsesNoIoClockOrNetwork() =>
        Assert.That(ArchitectureRules.EngineIsPure(Engine.Value), Is.Empty);

    [Test]
    public void EngineIsPure_PlantedFileReadAndWallClock_AreReported()
    {
        var violations = ArchitectureRules.EngineIsPure(Planted.Value);

        Assert.That(violations, Has.Some.EqualTo("CompanionBot.Vocabulary.PlantedFileRead uses System.IO.File"));
        Assert.That(violations, Has.Some.StartsWith("CompanionBot.Vocabulary.PlantedWallClock calls System.DateTimeOffset.get_UtcNow"));
    }

    [Test]
    public void FolderCycle_EngineAndBot_HaveNone()
    {
        Assert.That(ArchitectureRules.FolderCycle(Engine.Value, "CompanionBot"), Is.Null, "engine");
        var cycle = ArchitectureRules.FolderCycle(Bot.Value, "CompanionBot");
        Assert.That(cycle, Is.Null, () => "Bot folder cycle: " + string.Join(" -> ", cycle!));
    }

    [Test]
    public void FolderCycle_PlantedTwoFoldersUsingEachOther_IsFound() =>
        Assert.That(ArchitectureRules.FolderCycle(Planted.Value, "CompanionBot.PlantedRooms"), Is.EqualTo(new[]
        {
            "CompanionBot.PlantedRooms.Pipeline", "CompanionBot.PlantedRooms.Storage", "CompanionBot.PlantedRooms.Pipeline",
        }));

    [Test]
    public void ProductWithoutTooling_BotAndEngine_NeverUseTooling() =>
        Assert.That(ArchitectureRules.ProductWithoutTooling(Product.Value, "CompanionBot.Tools"), Is.Empty);

    [Test]
    public void ProductWithoutTooling_PlantedUseOfABenchProbe_IsReported() =>
        Assert.That(ArchitectureRules.ProductWithoutTooling(Planted.Value, "CompanionBot.Tools"),
            Has.Some.EqualTo("CompanionBot.PlantedRooms.Pipeline.PlantedTurn uses CompanionBot.Tools.Bench.PlantedProbe"));

    [Test]
    public void CompositionRoot_OnlyTheProgramReachesHosting()
    {
        var into = Bot.Value.TypeEdges()
            .Where(e => e.TargetNamespace == "CompanionBot.Hosting" && e.OriginNamespace != "CompanionBot.Hosting" && e.Origin != "Program")
            .Select(e => $"{e.Origin} uses {e.Target}").Distinct().ToList();

        Assert.That(into, Is.Empty, "only Program.cs may use Hosting (the composition root)");
    }
}
