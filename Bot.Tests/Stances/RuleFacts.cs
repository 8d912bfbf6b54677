using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Stances;

/// <summary>
/// The facts one decision is made on (the ledger after the message, the appraisal, the persona, the time), built as
/// records with no text, so a rule test reads as the facts the rule names.
/// </summary>
public sealed record RuleFacts(RelationshipState State, MessageAppraisal Appraisal, PersonaConfig Persona, DateTimeOffset Now)
{
    private static readonly StanceEngine Engine = new();

    public static RuleFacts Stranger => new(Relationships.Stranger(), MessageAppraisal.Empty, TestPersonas.Playful, Relationships.Now);

    public static RuleFacts Acquaintance => Stranger with { State = Relationships.Acquaintance() };

    public static RuleFacts Friend => Stranger with { State = Relationships.Friend() };

    /// <summary>A moment this long before the decision.</summary>
    public static DateTimeOffset Ago(double minutes) => Relationships.Now - TimeSpan.FromMinutes(minutes);

    public RuleFacts Says(Signal signal, double strength = Appraisals.Clear) => this with { Appraisal = Appraisal.With(signal, strength) };

    /// <summary>A trained head read this signal at this probability (threshold 0.5).</summary>
    public RuleFacts Heard(Signal signal, double probability) => this with { Appraisal = Appraisal.Heard(signal, probability) };

    public RuleFacts Drops(Signal signal) => this with { Appraisal = Appraisal.Without(signal) };

    public RuleFacts Ledger(Func<RelationshipState, RelationshipState> change) => this with { State = change(State) };

    public RuleFacts Under(PersonaConfig persona) => this with { Persona = persona };

    /// <summary>The message's words, for the few rules that answer an act read from the text's shape.</summary>
    public string Text { get; init; } = "";

    public RuleFacts Asks(string text) => this with { Text = text };

    public StanceDecision Decide() => Engine.Decide(State, Appraisal, Persona, Now, Text);
}

/// <summary>
/// One rule's fixture: the facts it fires on, the stance it takes, a word its reason must contain (the reason names
/// the facts), and variants with one of those facts missing, on which it must not fire.
/// </summary>
public sealed record RuleFixture(string Rule, Stance Stance, string ReasonMentions, RuleFacts Fires, params Missing[] Without);

/// <summary>The rule's facts with one taken away; <see cref="Fact"/> says which.</summary>
public sealed record Missing(string Fact, RuleFacts Facts);
