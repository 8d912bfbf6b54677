using System.Globalization;
using System.Text;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Evaluation;
using CompanionBot.Personas;
using Microsoft.Extensions.DependencyInjection;
using CompanionBot.Terminal;

namespace CompanionBot.Modes;

/// <summary>Each prompt of a JSONL file as a new user's first message: the decision per prompt and a summary per category.</summary>
public static class EvalMode
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services, ConsoleIo io, CancellationToken cancellationToken)
    {
        commandLine.Allow("json", "db");
        if (commandLine.Positional.Count != 1) throw new CommandLineException("eval needs one prompts.jsonl file");
        var path = commandLine.Positional[0];
        if (!File.Exists(path)) throw new CommandLineException($"no prompts file at {path}");
        IReadOnlyList<EvalPrompt> prompts;
        try
        {
            prompts = EvalPrompt.ReadAll(path);
        }
        catch (InvalidDataException ex)
        {
            await io.Error.WriteLineAsync($"invalid prompts file: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        var runner = new EvalRunner(services.GetRequiredService<MessageAppraiser>(), services.GetRequiredService<PersonaConfig>());
        var report = await runner.RunAsync(prompts, cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync(commandLine.Flag("json") ? JsonOutput.Write(report) : Table(report)).ConfigureAwait(false);
        return 0;
    }

    private static string Table(EvalReport report)
    {
        var sb = new StringBuilder();
        foreach (var r in report.Results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Id,-12} {r.Category,-24} {r.Subcategory,-22} {r.Stance,-12} {r.Rule,-20} {string.Join(",", r.Directives)}");
        }
        sb.AppendLine();
        foreach (var s in report.Summary)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Category,-24} n={s.Prompts,-4} warm {s.WarmRate:P0}  tease/deflect {s.TeaseOrDeflectRate:P0}  support {s.SupportRate:P0}  boundary-directive {s.BoundaryDirectiveRate:P0}  human-connection {s.HumanConnectionRate:P0}  crisis {s.CrisisRate:P0}");
        }
        return sb.ToString().TrimEnd();
    }
}
