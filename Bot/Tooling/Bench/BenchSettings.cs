using CompanionBot.Terminal;

namespace CompanionBot.Bench;

/// <summary>What one bench run does. Every option is validated with an error that names it.</summary>
/// <param name="Members">Simulated members, each a new relationship.</param>
/// <param name="Messages">Messages each member sends.</param>
/// <param name="Concurrency">Workers feeding the pipeline; a member's messages always stay in order on one worker.</param>
/// <param name="Prefill">Relationships bulk-inserted before the run.</param>
/// <param name="DatabasePath">The ledger file; null means a temp file deleted afterwards.</param>
/// <param name="Json">Print only the JSON summary on stdout.</param>
/// <param name="AckLogPath">Hidden (crash harness): each acknowledged message is appended here after its commit.</param>
/// <param name="RawProbeMilliseconds">Hidden: how long the raw SQLite probe runs; 0 skips it.</param>
/// <param name="WarmupMessages">Hidden: untimed messages on a scratch file first (0 skips, as the crash harness does).</param>
/// <param name="GroupCommit">--commit group (default, as in production): concurrent saves share a durable
/// transaction; --commit single: one transaction per message whatever the concurrency (the baseline).</param>
public sealed record BenchSettings(
    int Members,
    int Messages,
    int Concurrency,
    int Prefill,
    string? DatabasePath,
    bool Json,
    string? AckLogPath,
    int RawProbeMilliseconds,
    int WarmupMessages,
    bool GroupCommit)
{
    /// <summary>--read-probe: one thread loads members' turns throughout the run and reports the reads' latency.</summary>
    public bool ReadProbe { get; init; }

    public const long MaxTotalMessages = 10_000_000;

    public long TotalMessages => (long)Members * Messages;

    public static readonly string[] OptionNames = ["members", "messages", "concurrency", "prefill", "db", "json", "ack-log", "raw-ms", "warmup", "commit", "postgres", "levels", "appraiser", "read-probe"];

    public static BenchSettings From(CommandLine commandLine)
    {
        commandLine.Allow(OptionNames);
        if (commandLine.Positional.Count > 0)
        {
            throw new CommandLineException($"bench takes no positional argument, got '{commandLine.Positional[0]}'");
        }
        var settings = new BenchSettings(
            Members: commandLine.IntOption("members", 200, 1, 1_000_000),
            Messages: commandLine.IntOption("messages", 20, 1, 1_000_000),
            Concurrency: commandLine.IntOption("concurrency", 1, 1, 64),
            Prefill: commandLine.IntOption("prefill", 0, 0, 10_000_000),
            DatabasePath: NonEmpty(commandLine, "db"),
            Json: commandLine.Flag("json"),
            AckLogPath: NonEmpty(commandLine, "ack-log"),
            RawProbeMilliseconds: commandLine.IntOption("raw-ms", 2000, 0, 60_000),
            WarmupMessages: commandLine.IntOption("warmup", 2000, 0, 100_000),
            GroupCommit: (commandLine.Option("commit") ?? "group") switch
            {
                "group" => true,
                "single" => false,
                var other => throw new CommandLineException($"--commit must be 'group' or 'single', got '{other}'"),
            }) { ReadProbe = commandLine.Flag("read-probe") };
        if (settings.TotalMessages > MaxTotalMessages)
        {
            throw new CommandLineException(
                $"--members x --messages must be at most {MaxTotalMessages:N0} (latencies are kept per message), got {settings.TotalMessages:N0}");
        }
        return settings;
    }

    private static string? NonEmpty(CommandLine commandLine, string name)
    {
        var value = commandLine.Option(name);
        if (value is null) return null;
        if (string.IsNullOrWhiteSpace(value)) throw new CommandLineException($"--{name} needs a file path");
        return value;
    }
}
