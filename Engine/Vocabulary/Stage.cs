namespace CompanionBot.Vocabulary;

public enum Stage
{
    Stranger,
    Acquaintance,
    Friend,
    Close,
}
