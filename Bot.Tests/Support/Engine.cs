using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Stances;

namespace CompanionBot.Tests.Support;

/// <summary>The pure engine steps wired together for tests that feed messages and inspect each step.</summary>
public sealed class Engine
{
    public static readonly MessageAppraiser Appraiser = new(AppraisalLexicon.English());
    public static readonly PersonaConfig DefaultPersona = CompanionBot.Personas.DefaultPersona.Load();

    private readonly RelationshipLedger _ledger = new();
    private readonly StanceEngine _stances = new();
    private readonly MessageAppraiser _appraiser;

    public Engine(PersonaConfig? persona = null, DateTimeOffset? start = null, MessageAppraiser? appraiser = null)
    {
        _appraiser = appraiser ?? Appraiser;
        Persona = persona ?? DefaultPersona;
        Now = start ?? new DateTimeOffset(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);
        State = RelationshipState.New(RelationshipKey.Dm("tester"), Now, Persona.Baseline);
    }

    public PersonaConfig Persona { get; }
    public DateTimeOffset Now { get; private set; }
    public RelationshipState State { get; private set; }

    public (MessageAppraisal Appraisal, StanceDecision Decision) Say(string text, TimeSpan? after = null)
    {
        Now += after ?? TimeSpan.FromMinutes(1);
        var appraisal = _appraiser.Appraise(text, State.CarriedRisk, Now);
        var change = _ledger.Apply(State, appraisal, Persona, Now);
        var decision = _stances.Decide(change.After, appraisal, Persona, Now, text);
        State = _ledger.Remember(change.After, appraisal, decision.Move, Now);
        return (appraisal, decision);
    }

    public static MessageAppraisal Appraise(string text) =>
        Appraiser.Appraise(text, CarriedRisk.None, DateTimeOffset.UnixEpoch);
}
