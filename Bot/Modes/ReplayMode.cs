using System.Globalization;
using System.Text;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>
/// Runs scenario files on a simulated clock. Exit 0 when every expectation holds, 1 when one fails, 2 when a file
/// is invalid (the error names the file and line). --json prints one document for the whole run.
/// </summary>
public static class ReplayMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("json", "db");
        if (commandLine.Positional.Count != 1) throw new CommandLineException("replay needs one scenario file or folder");
        var target = commandLine.Positional[0];
        var files = Directory.Exists(target) ? Directory.GetFiles(target, "*.yaml").Concat(Directory.GetFiles(target, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : File.Exists(target) ? [target]
            : throw new CommandLineException($"no scenario file or folder at {target}");
        if (files.Count == 0) throw new CommandLineException($"no *.yaml scenario files in {target}");

        var persona = services.GetRequiredService<PersonaConfig>();
        List<Scenario> scenarios;
        try
        {
            scenarios = files.Select(f => ScenarioReader.Read(f, persona)).ToList();
        }
        catch (ScenarioInvalidException ex)
        {
            await io.Error.WriteLineAsync($"invalid scenario: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var runner = new ScenarioRunner(services.GetRequiredService<MessageAppraiser>());
        var outcomes = new List<ScenarioOutcome>();
        foreach (var scenario in scenarios) outcomes.Add(await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false));
        var report = new ReplayReport(outcomes.All(o => o.Passed), outcomes);
        await io.Out.WriteLineAsync(commandLine.Flag("json") ? JsonOutput.Write(report) : Table(report)).ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }

    public static string Table(ReplayReport report)
    {
        var sb = new StringBuilder();
        foreach (var s in report.Scenarios)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{(s.Passed ? "PASS" : "FAIL")}  {s.Name}");
            foreach (var t in s.Turns)
            {
                var mark = t.Failures.Count == 0 ? " " : "x";
                var say = t.Say.Length > 60 ? t.Say[..57] + "..." : t.Say;
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  {mark} {t.Index,2} {t.As,-8} {t.Stance,-12} {t.Rule,-22} {t.Ledger.Stage,-12} w{t.Ledger.Warmth:0.00} t{t.Ledger.Trust:0.00} f{t.Ledger.Friction:0.00}  {say}");
                foreach (var f in t.Failures) sb.AppendLine(CultureInfo.InvariantCulture, $"       ! {f}");
            }
            foreach (var f in s.Failures.Where(f => !f.StartsWith("turn ", StringComparison.Ordinal))) sb.AppendLine(CultureInfo.InvariantCulture, $"    ! {f}");
        }
        var passed = report.Scenarios.Count(s => s.Passed);
        sb.Append(CultureInfo.InvariantCulture, $"{passed} of {report.Scenarios.Count} scenarios passed");
        return sb.ToString();
    }
}
