namespace CompanionBot.Tests.Architecture;

/// <summary>The repository's source tree, found from the test binaries (tests run from bin/).</summary>
public static class SourceTree
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "CompanionBot.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException($"CompanionBot.sln not found above {AppContext.BaseDirectory}");
        }
    }

    public static string File(string relative) => Path.Combine(Root, relative);
}
