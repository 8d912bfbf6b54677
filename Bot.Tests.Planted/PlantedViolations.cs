// Each type here breaks one architecture rule on purpose (see Bot.Tests/Architecture/ArchitectureTests.cs).
// Names are fully qualified in method bodies, with no using line, because the rules read compiled code.

namespace CompanionBot.Appraisal
{
    /// <summary>Perception reaching up into memory: breaks the engine's layer order.</summary>
    public static class PlantedUpwardUse
    {
        public static double Trust(object state) => ((CompanionBot.Ledger.RelationshipState)state).Trust;
    }
}

namespace CompanionBot.Vocabulary
{
    /// <summary>A file read in a method body: breaks the engine's purity.</summary>
    public static class PlantedFileRead
    {
        public static string Read(string path) => System.IO.File.ReadAllText(path);
    }

    /// <summary>The wall clock read in a method body: breaks the engine's purity (time comes in as a parameter).</summary>
    public static class PlantedWallClock
    {
        public static long Ticks() => System.DateTimeOffset.UtcNow.Ticks;
    }
}

namespace CompanionBot.PlantedRooms.Storage
{
    /// <summary>One half of a folder cycle.</summary>
    public static class PlantedStore
    {
        public static int Depth() => CompanionBot.PlantedRooms.Pipeline.PlantedTurn.Queued();
    }
}

namespace CompanionBot.PlantedRooms.Pipeline
{
    /// <summary>The other half of the folder cycle, and product code reaching into tooling.</summary>
    public static class PlantedTurn
    {
        public static int Queued() => CompanionBot.Tools.Bench.PlantedProbe.Count + 1;

        public static int Stored() => CompanionBot.PlantedRooms.Storage.PlantedStore.Depth();
    }
}

namespace CompanionBot.Tools.Bench
{
    /// <summary>Developer tooling that product code must never use.</summary>
    public static class PlantedProbe
    {
        public static int Count => 1;
    }
}
