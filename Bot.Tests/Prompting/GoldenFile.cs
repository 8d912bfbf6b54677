using System.Runtime.CompilerServices;
using System.Text;
using CompanionBot.Prompting;

namespace CompanionBot.Tests.Prompting;

/// <summary>
/// Compares a prompt, rendered as text, with Expected/NAME.txt. A missing file is written and the test fails, so a
/// new golden file is always looked at once; set UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
/// </summary>
internal static class GoldenFile
{
    public static string Render(ChatPrompt prompt)
    {
        var sb = new StringBuilder();
        sb.Append("=== system ===\n").Append(prompt.System).Append('\n');
        sb.Append("=== history ===\n");
        foreach (var turn in prompt.History) sb.Append('[').Append(turn.Role.ToString().ToLowerInvariant()).Append("] ").Append(turn.Text).Append('\n');
        sb.Append("=== user ===\n").Append(prompt.User).Append('\n');
        sb.Append("=== settings ===\n")
          .Append(FormattableString.Invariant($"temperature {prompt.Settings.Temperature}, max output tokens {prompt.Settings.MaxOutputTokens}\n"));
        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static void AssertMatches(ChatPrompt prompt, string name, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Expected", name + ".txt");
        var actual = Render(prompt);
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"golden file {path} written: review it and run again");
        }
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.That(actual, Is.EqualTo(expected), $"prompt differs from {path}");
    }
}
