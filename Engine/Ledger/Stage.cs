namespace CompanionBot.Ledger;

public enum Stage
{
    Stranger,
    Acquaintance,
    Friend,
    Close,
}
