namespace CompanionBot.Vocabulary;

/// <summary>How the companion meets this message. Support (care mode) overrides the others.</summary>
public enum Stance
{
    Deflect,
    Tease,
    Warm,
    SetBoundary,
    Support,
}
