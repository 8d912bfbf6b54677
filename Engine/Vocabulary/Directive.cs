namespace CompanionBot.Vocabulary;

/// <summary>What the reply must do. The vocabulary is closed (scenarios/README.md); the engine may add, never rename.</summary>
public enum Directive
{
    NameThePace,
    RefuseScript,
    NoCommitment,
    KeepDoorOpen,
    CheckIn,
    EncourageHumanConnection,
    CrisisResources,
    AiHonesty,
    NoRomance,
    CallOutEntitlement,
    AskBack,
    AcknowledgeRepair,
    /// <summary>Say plainly, once, that this is an AI companion (first contact and every 3 hours).</summary>
    AiDisclosure,
    /// <summary>Suggest a break (known minors, every 3 hours of continued use).</summary>
    BreakReminder,
}
