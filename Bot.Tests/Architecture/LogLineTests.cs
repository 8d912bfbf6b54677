using System.Text.RegularExpressions;

namespace CompanionBot.Tests.Architecture;

/// <summary>The Discord transport logs only through [LoggerMessage] methods: checked templates, event ids, no boxing.</summary>
[TestFixture]
public sealed partial class LogLineTests
{
    [Test]
    public void DiscordTransport_EveryLogLine_IsSourceGenerated()
    {
        var folder = SourceTree.File(Path.Combine("Bot", "Transport"));
        var adHoc = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => AdHocLogCall().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(folder, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.That(adHoc, Is.Empty, "log through a [LoggerMessage] method (TransportLog, GatewayLog, RestLog)");
    }

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)\(|\b[Ll]ogger\.Log\(")]
    private static partial Regex AdHocLogCall();
}
