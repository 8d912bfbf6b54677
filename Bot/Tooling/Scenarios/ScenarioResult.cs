using System.Text.Json.Serialization;

namespace CompanionBot.Scenarios;

public sealed record LedgerSnapshot(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("familiarity")] double Familiarity,
    [property: JsonPropertyName("trust")] double Trust,
    [property: JsonPropertyName("warmth")] double Warmth,
    [property: JsonPropertyName("friction")] double Friction);

public sealed record TurnOutcome(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("as")] string As,
    [property: JsonPropertyName("say")] string Say,
    [property: JsonPropertyName("stance")] string Stance,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("directives")] IReadOnlyList<string> Directives,
    [property: JsonPropertyName("signals")] IReadOnlyList<string> Signals,
    [property: JsonPropertyName("ledger")] LedgerSnapshot Ledger,
    [property: JsonPropertyName("reply")] string Reply,
    [property: JsonPropertyName("failures")] IReadOnlyList<string> Failures)
{
    /// <summary>The act the reply answers (the reply plan).</summary>
    [JsonPropertyName("act")]
    public string Act { get; init; } = "";

    [JsonPropertyName("topic")]
    public string? Topic { get; init; }

    /// <summary>The behaviours the companion had noticed when it answered.</summary>
    [JsonPropertyName("noticed")]
    public IReadOnlyList<string> Noticed { get; init; } = [];
}

public sealed record ScenarioOutcome(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("turns")] IReadOnlyList<TurnOutcome> Turns,
    [property: JsonPropertyName("final")] IReadOnlyDictionary<string, LedgerSnapshot> Final,
    [property: JsonPropertyName("failures")] IReadOnlyList<string> Failures);

public sealed record ReplayReport(
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("scenarios")] IReadOnlyList<ScenarioOutcome> Scenarios);
