namespace CompanionBot.Tests.Support;

/// <summary>Finds the project's shared/ folder (beside the repository) and the test data in this project.</summary>
public static class SharedFiles
{
    public static string? SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "scenarios"))) return candidate;
        }
        return null;
    }

    public static string Shared(string relative)
    {
        var shared = SharedDirectory();
        if (shared is null) Assert.Ignore("the shared/ folder (scenarios, eval) is not beside this checkout");
        return Path.Combine(shared!, relative);
    }

    /// <summary>A file or folder of this repository (scenarios/, eval/), found from the source tree.</summary>
    public static string Repo(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "CompanionBot.sln"))) continue;
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"{relative} not found in the repository above {AppContext.BaseDirectory}");
    }

    /// <summary>A folder of this test project, found from the source tree (tests run from bin/).</summary>
    public static string TestData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Bot.Tests", relative);
            if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"Bot.Tests/{relative} not found above {AppContext.BaseDirectory}");
    }
}
