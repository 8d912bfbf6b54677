using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Scenarios;

/// <summary>A scripted conversation with the expected stance per turn (scenarios/README.md).</summary>
public sealed record Scenario(
    string Name,
    string File,
    PersonaConfig Persona,
    bool InGuild,
    DateTimeOffset Start,
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyList<ScenarioTurn> Turns,
    IReadOnlyDictionary<string, IReadOnlyList<Stage>> FinalStages,
    IReadOnlyList<LedgerComparison> Comparisons);

public sealed record ScenarioTurn(int Index, int Line, string As, TimeSpan After, string Say, TurnExpectation Expect);

public sealed record TurnExpectation(
    IReadOnlyList<Stance> Stance,
    IReadOnlyList<Stance> Not,
    IReadOnlyList<Directive> Directives,
    IReadOnlyList<string> Flags)
{
    /// <summary>The act the reply plan must answer: one of these.</summary>
    public IReadOnlyList<ReplyAct> Acts { get; init; } = [];

    /// <summary>Behaviours the companion must have noticed by this turn (the plan's noticed list).</summary>
    public IReadOnlyList<string> Noticed { get; init; } = [];

    /// <summary>The plan's topic must contain this phrase.</summary>
    public string? Topic { get; init; }
}

public sealed record LedgerComparison(string Higher, string Lower, string Dimension);

/// <summary>A scenario file that cannot be run; the message names the file and the line.</summary>
public sealed class ScenarioInvalidException(string message) : Exception(message);
