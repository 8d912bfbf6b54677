using CompanionBot.Hosting;
using CompanionBot.Terminal;

namespace CompanionBot.Tests.Support;

/// <summary>Runs the real program in-process with given stdin and captures stdout, stderr and the exit code.</summary>
public static class ProgramRun
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(string stdin, IReadOnlyDictionary<string, string?>? config = null, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var overrides = new Dictionary<string, string?>
        {
            // Never pick up a token or endpoint from the machine running the tests.
            ["Discord:Token"] = "",
            ["Llm:Endpoint"] = "",
        };
        foreach (var (k, v) in config ?? new Dictionary<string, string?>()) overrides[k] = v;
        var exit = await BotProgram.RunAsync(args, new ConsoleIo(new StringReader(stdin), output, error), overrides);
        return (exit, output.ToString(), error.ToString());
    }
}
