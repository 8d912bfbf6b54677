namespace CompanionBot.Vocabulary;

/// <summary>
/// What a message does socially. The first sixteen are the closed vocabulary scenarios may check; the rest refine them.
/// Names on the wire are snake_case (<see cref="Common.WireNames"/>).
/// </summary>
public enum Signal
{
    IntimacyBid,
    Demand,
    Entitlement,
    Comparison,
    GuiltTrip,
    Respect,
    Reciprocity,
    FollowThrough,
    Apology,
    Insult,
    SelfDeprecation,
    Vulnerability,
    Crisis,
    Minor,
    Injection,
    Sexual,

    /// <summary>Demands that the companion say given words ("say exactly this", "call me daddy").</summary>
    ScriptDemand,
    /// <summary>Asks for permanence, exclusivity or constant availability ("promise you'll stay", "only me").</summary>
    CommitmentDemand,
    /// <summary>Demands affection or comfort on command ("be sweeter", "comfort me properly").</summary>
    AffectionDemand,
    /// <summary>Sincerely asks for help with something (advice, a plan, ideas): met with warmth, never teased.</summary>
    HelpRequest,
    /// <summary>Grief, anxiety, depression, loneliness, a relationship breaking: topics where people matter most.</summary>
    HeavyTopic,
    /// <summary>Talks as if there were a long shared history the ledger does not have.</summary>
    ClaimedHistory,
    /// <summary>Asks for a label for the relationship ("my girl", "what are we").</summary>
    RelationshipLabel,
    /// <summary>Leans on the companion in place of people ("you're the only one who gets me").</summary>
    Dependency,
    /// <summary>Flattery about looks or perfection, the currency of love bombing.</summary>
    Flattery,
    /// <summary>Sincerely asks whether the companion is human or an AI.</summary>
    AsksIfHuman,
    Greeting,
    Introduction,
    SelfDisclosure,
    Farewell,
    Question,
    Gratitude,
    /// <summary>Declares an age of 18 or more; never clears <see cref="Minor"/>.</summary>
    AdultAge,
    /// <summary>Light small talk or playful teasing with no distress: the one reading in which a tease is safe.</summary>
    Banter,
    /// <summary>
    /// Names suicide, self-harm or a method without saying it is the writer's own risk ("what is suicide prevention",
    /// "the tallest bridge in europe"): crisis when the classifier reads risk at least plausibly, when risk is
    /// carried from recent turns, or when there is no classifier; otherwise a heavy topic, met with care.
    /// </summary>
    CrisisMention,
}
