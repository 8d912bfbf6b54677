namespace CompanionBot.Storage;

/// <summary>
/// Anonymous counters (name, scope, period) with no member id: the yearly crisis-referral count for the SB 243
/// report, and per-server stance counts for moderators. Nothing here can be traced to a person.
/// </summary>
public interface ICounterStore
{
    void Increment(string name, string scope, string period, int by = 1);

    long Read(string name, string scope, string period);
}
