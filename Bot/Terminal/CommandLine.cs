namespace CompanionBot.Terminal;

public enum Mode
{
    Auto,
    Chat,
    Discord,
    Replay,
    Eval,
    Bench,
    Train,
    Backup,
    Migrate,
    Help,
}

/// <summary>The program's arguments: a mode, its positional arguments and its --options.</summary>
public sealed record CommandLine(Mode Mode, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string?> Options)
{
    public const string Usage = """
        usage: CompanionBot [mode] [options]

        modes:
          (none)                      the Discord bot when Discord:Token is set, otherwise terminal chat
          chat [--user NAME] [--db PATH]
                                      talk to the companion in the terminal (lines on stdin, replies on stdout)
          discord                     run the Discord bot (needs Discord__Token)
          replay <file|folder> [--json]
                                      run scenario files on a manual clock; exit 1 when an expectation fails
          eval <prompts.jsonl> [--json]
                                      each prompt as a new user's first message; decisions and a summary per category
          bench [--members N] [--messages M] [--concurrency C] [--prefill R] [--db PATH] [--commit group|single] [--appraiser semantic|lexicon] [--json]
                [--postgres [--levels 1,2,4]]  (PostgreSQL: Storage:ConnectionString)
                                      pipeline throughput and latency without the model, beside raw SQLite writes
          migrate --from sqlite:PATH --to postgres [--into-non-empty]
                                      copy a SQLite ledger into Storage:ConnectionString, counts checked
          train [--data training] [--out PATH] [--cache FILE] [--cost C] [--gamma G]
                                      retrain the appraiser's signal heads from training/*.train.jsonl; thresholds and
                                      figures on *.tune.jsonl
          train --score test|tune [--heads PATH] [--data training]
                                      score the whole appraiser (lexicon + heads) on a split, per signal and for crisis

          backup <path> [--force] [--db PATH]
                                      a consistent copy of the ledger, safe while the bot runs (--force replaces <path>)

        configuration comes from appsettings.json and environment variables (Discord__Token, Llm__Endpoint,
        Llm__Model, Llm__ApiKey, Storage__DatabasePath); --db overrides Storage:DatabasePath.
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "help", "verbose", "postgres", "into-non-empty", "force" };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var mode = Mode.Auto;
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            if (!Enum.TryParse(args[0], ignoreCase: true, out mode) || mode == Mode.Auto)
            {
                throw new CommandLineException($"unknown mode '{args[0]}'");
            }
            start = 1;
        }
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                mode = Mode.Help;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                options[name[..eq]] = name[(eq + 1)..];
            }
            else if (Flags.Contains(name))
            {
                options[name] = "true";
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
            else
            {
                // Not an error yet: the mode first says whether it knows this option at all (Allow), and only
                // an option it knows "needs a value" (Option).
                options[name] = null;
            }
        }
        return new CommandLine(mode, positional, options);
    }

    public bool Flag(string name) => Options.ContainsKey(name);

    public string? Option(string name)
    {
        if (!Options.TryGetValue(name, out var value)) return null;
        return value ?? throw new CommandLineException($"option --{name} needs a value");
    }

    public int IntOption(string name, int fallback, int min, int max)
    {
        var text = Option(name);
        if (text is null) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        throw new CommandLineException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
    }

    /// <summary>Fails on any option this mode does not know, so a typo never passes silently.</summary>
    public void Allow(params string[] names)
    {
        foreach (var key in Options.Keys)
        {
            if (!names.Contains(key)) throw new CommandLineException($"unknown option --{key} for {ModeName}");
        }
    }

    /// <summary>Fails on a positional argument past the <paramref name="count"/> this mode takes, naming it.</summary>
    public void AllowPositional(int count)
    {
        if (Positional.Count <= count) return;
        var takes = count == 0 ? "takes no arguments" : $"takes {count} argument{(count == 1 ? "" : "s")}";
        throw new CommandLineException($"unexpected argument '{Positional[count]}' ({ModeName} {takes})");
    }

    private string ModeName => Mode == Mode.Auto ? "chat" : Mode.ToString().ToLowerInvariant();
}

public sealed class CommandLineException(string message) : Exception(message);
