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
    IReadOnlyList<string> Flags);

public sealed record LedgerComparison(string Higher, string Lower, string Dimension);

/// <summary>A scenario file that cannot be run; the message names the file and the line.</summary>
public sealed class ScenarioInvalidException(string message) : Exception(message);
