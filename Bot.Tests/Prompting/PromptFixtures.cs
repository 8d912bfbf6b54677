using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Stances;

namespace CompanionBot.Tests.Prompting;

/// <summary>Builders for the prompt tests: the default persona, a relationship of a given age, a decision.</summary>
internal static class PromptFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 21, 0, 0, TimeSpan.Zero);

    public static PersonaConfig Persona => DefaultPersona.Load();

    public static RelationshipKey Key => RelationshipKey.Dm("1001");

    public static RelationshipState State(TimeSpan knownFor, Stage stage = Stage.Stranger) =>
        RelationshipState.New(Key, Now - knownFor, new LedgerBaseline(0.1, 0.1)) with { Stage = stage, LastSeenAt = Now };

    public static StanceDecision Decision(Stance stance, params Directive[] directives) =>
        new(stance, directives, "test-rule", ["test"]);

    public static InboundMessage Message(string text, string author = "jake") =>
        new("m1", Key, "c1", author, text, Now);
}
