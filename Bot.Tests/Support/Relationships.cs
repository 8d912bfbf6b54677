using CompanionBot.Ledger;

namespace CompanionBot.Tests.Support;

/// <summary>
/// Ledgers at each stage, written as records (no messages replayed to reach them), for rule and ledger tests.
/// Each is a plain <see cref="RelationshipState"/>, so a test changes one fact with <c>with { ... }</c>.
/// The AI disclosure was given ten minutes ago in a stretch that began twenty minutes ago, so the overlay stays
/// quiet unless a test is about it.
/// </summary>
public static class Relationships
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);

    public static RelationshipState Stranger(DateTimeOffset? now = null)
    {
        var at = now ?? Now;
        return new RelationshipState
        {
            Key = RelationshipKey.Dm("member"),
            Trust = 0.1,
            Warmth = 0.1,
            Familiarity = 0.05,
            MetAt = at - TimeSpan.FromMinutes(20),
            LastSeenAt = at,
            Exchanges = 6,
            ConversationDays = 1,
            Introduced = true,
            AiDisclosedAt = at - TimeSpan.FromMinutes(10),
            SessionStartedAt = at - TimeSpan.FromMinutes(20),
        };
    }

    public static RelationshipState Acquaintance(DateTimeOffset? now = null) => Stranger(now) with
    {
        Stage = Stage.Acquaintance,
        MetAt = (now ?? Now) - TimeSpan.FromDays(2),
        ConversationDays = 3,
        Exchanges = 40,
        Trust = 0.35,
        Warmth = 0.3,
        Familiarity = 0.3,
        Reciprocations = 3,
    };

    public static RelationshipState Friend(DateTimeOffset? now = null) => Stranger(now) with
    {
        Stage = Stage.Friend,
        MetAt = (now ?? Now) - TimeSpan.FromDays(10),
        ConversationDays = 6,
        Exchanges = 120,
        Trust = 0.55,
        Warmth = 0.5,
        Familiarity = 0.5,
        Reciprocations = 10,
    };
}
