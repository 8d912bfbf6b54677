using CompanionBot.Appraisal;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Ledger;

public sealed class RelationshipLedger
{
    public RelationshipChange Apply(RelationshipState before, MessageAppraisal appraisal, PersonaConfig persona, DateTimeOffset now) =>
        new(before, before with { Exchanges = before.Exchanges + 1, LastSeenAt = now });

    public RelationshipState Remember(RelationshipState state, MessageAppraisal appraisal, StanceDecision decision, DateTimeOffset now) => state;
}
