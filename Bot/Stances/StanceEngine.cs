using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;

namespace CompanionBot.Stances;

public sealed class StanceEngine
{
    public StanceDecision Decide(RelationshipState state, MessageAppraisal appraisal, PersonaConfig persona, DateTimeOffset now) =>
        new(Stance.Tease, [], "default", []);
}
