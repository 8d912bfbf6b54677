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

    /// <summary>
    /// A file of the shared/ folder. Without it a developer's lone clone skips the test; under <c>CI=true</c> the test
    /// fails, so a build that cannot find its data never passes by ignoring it.
    /// </summary>
    public static string Shared(string relative)
    {
        var shared = SharedDirectory();
        if (shared is null) MissingData("the shared/ folder (scenarios, eval) is not beside this checkout");
        return Path.Combine(shared!, relative);
    }

    /// <summary>Fails under CI=true, ignores otherwise: data a test needs and cannot find.</summary>
    public static void MissingData(string why)
    {
        if (UnderCi) Assert.Fail(why + " (CI=true: missing data fails the build)");
        Assert.Ignore(why);
    }

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

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
