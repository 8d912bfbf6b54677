using System.Text;
using CompanionBot.Pipeline;
using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompanionBot.Commands;

/// <summary>
/// /persona preview: runs a scenario file (the format of shared/scenarios) through the real engine with this
/// server's persona on a simulated clock, in memory, and shows the stance, the act and the offline reply of every
/// turn. Without a file it shows the persona's offline voice (phrase banks, facts, noticed words). Nothing is stored.
/// </summary>
public sealed class PersonaPreview(SimulationPipelines pipelines)
{
    public const int MaxTurns = 200;
    private const int MaxReplyChars = 1900;

    public async Task<CommandReply> RunAsync(CommandRequest request, PersonaConfig persona, CancellationToken cancellationToken)
    {
        var text = request.AttachmentText;
        if (string.IsNullOrWhiteSpace(text)) return new CommandReply(PersonaVoiceSummary.Describe(persona));
        if (text.Length > PersonaCommands.MaxYamlChars) return new CommandReply($"scenario: the file is too large ({PersonaCommands.MaxYamlChars} characters at most).");
        if (NamesAPersonaFile(text)) return new CommandReply("persona: a preview always runs this server's persona; remove the persona field from the scenario.");
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Parse(text, "scenario", persona);
        }
        catch (ScenarioInvalidException ex)
        {
            return new CommandReply($"The scenario is invalid: {ex.Message}");
        }
        if (scenario.Turns.Count > MaxTurns) return new CommandReply($"turns: {scenario.Turns.Count} turns; a preview runs {MaxTurns} at most.");
        var outcome = await new ScenarioRunner(pipelines).RunAsync(scenario, cancellationToken).ConfigureAwait(false);
        return new CommandReply(Describe(outcome, persona),
            File: new CommandFile("preview.json", Encoding.UTF8.GetBytes(JsonOutput.Write(outcome))));
    }

    public static string Describe(ScenarioOutcome outcome, PersonaConfig persona)
    {
        var sb = new StringBuilder($"Preview of '{outcome.Name}' with {persona.Name}: ");
        sb.Append(outcome.Passed ? "every expectation met." : $"{outcome.Failures.Count} expectation(s) not met.");
        foreach (var turn in outcome.Turns)
        {
            var line = $"\n{turn.Index}. {turn.As}: {turn.Stance} (rule {turn.Rule}, {turn.Ledger.Stage}) · {turn.Act}" +
                (turn.Directives.Count > 0 ? $" · {string.Join(", ", turn.Directives)}" : "") +
                (turn.Failures.Count > 0 ? $" · ✗ {string.Join("; ", turn.Failures)}" : "") +
                $"\n   → {Snippet(turn.Reply)}";
            if (sb.Length + line.Length > MaxReplyChars)
            {
                sb.Append("\n... the rest is in preview.json.");
                break;
            }
            sb.Append(line);
        }
        return sb.ToString();
    }

    /// <summary>The offline reply's last paragraph (notices added by code come first), on one line, shortened.</summary>
    private static string Snippet(string reply)
    {
        var last = reply.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.ReplaceLineEndings(" ").Trim() ?? "";
        return last.Length <= 90 ? last : last[..87] + "...";
    }

    /// <summary>A scenario may name a persona file beside it; from a chat command that would read the server's disk.</summary>
    private static bool NamesAPersonaFile(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("persona"), out var node)
                && !(node is YamlScalarNode { Value: "default" });
        }
        catch (YamlException)
        {
            return false;
        }
    }
}
