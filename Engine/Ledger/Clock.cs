using CompanionBot.Personas;

namespace CompanionBot.Ledger;

/// <summary>What time does on its own: friction and pace pressure fade, conversations and stretches of use begin.</summary>
internal static class Clock
{
    public static RelationshipState Advance(RelationshipState s, PersonaConfig persona, DateTimeOffset now)
    {
        var elapsed = now - s.LastSeenAt;
        if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
        var friction = s.Friction * HalfLife(elapsed, persona.FrictionHalfLife);
        var pressure = s.PacePressure * HalfLife(elapsed, LedgerRules.PacePressureHalfLife);

        var first = s.Exchanges == 0;
        var newConversation = first || elapsed >= LedgerRules.ConversationGap || now.UtcDateTime.Date != s.LastSeenAt.UtcDateTime.Date;
        var newSession = first || elapsed >= LedgerRules.SessionGap;
        return s with
        {
            Friction = RelationshipLedger.Clamp(friction),
            PacePressure = Math.Round(pressure, 4),
            ConversationDays = newConversation ? s.ConversationDays + 1 : s.ConversationDays,
            WarmthEarnedToday = newConversation ? 0 : s.WarmthEarnedToday,
            TrustEarnedToday = newConversation ? 0 : s.TrustEarnedToday,
            SessionStartedAt = newSession ? now : s.SessionStartedAt,
            DemandsInRow = newSession ? 0 : s.DemandsInRow,
        };
    }

    private static double HalfLife(TimeSpan elapsed, TimeSpan halfLife) =>
        halfLife <= TimeSpan.Zero ? 1 : Math.Pow(0.5, elapsed.TotalSeconds / halfLife.TotalSeconds);
}
