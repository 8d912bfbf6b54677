using CompanionBot.Personas;

namespace CompanionBot.Storage;

/// <summary>
/// What is stored about one member, for /export, for saying what /reset and /forget delete, and the record of
/// when a member last reset a relationship (the once-a-day limit). Deletion itself is <see cref="ILedgerStore"/>'s.
/// </summary>
public interface IMemberData
{
    /// <summary>Rows per member table, in one scope or (scope null) everywhere.</summary>
    IReadOnlyDictionary<string, long> Counts(string memberId, string? scope);

    /// <summary>Every scope where something is stored about this member.</summary>
    IReadOnlyList<string> Scopes(string memberId);

    DateTimeOffset? LastReset(RelationshipKey key);

    void RecordReset(RelationshipKey key, DateTimeOffset at);

    /// <summary>Everything stored about this member in this one scope, as a JSON document.</summary>
    byte[] Export(RelationshipKey key, DateTimeOffset at);

    /// <summary>One sentence, true for this provider, on what deletion leaves behind (PRIVACY.md says it in full).</summary>
    string DeletionNote { get; }
}

/// <summary>The answer-without-mention channel list, changed by moderators through /companion channels.</summary>
public interface IChannelSettingsStore : IChannelSettings
{
    /// <summary>True when the channel was added, false when it was already there.</summary>
    bool Add(string guildId, string channelId, string addedBy, DateTimeOffset at);

    /// <summary>True when the channel was removed, false when it was not in the list.</summary>
    bool Remove(string guildId, string channelId);

    IReadOnlyList<string> List(string guildId);
}

/// <summary>
/// Every persona change of a scope as a new numbered version; the current one is the highest. Nothing is updated in
/// place, so a rollback restores any earlier text exactly. Readers ask for the current version on every message, so a
/// change saved by one process is in force in every process sharing the database at its next message.
/// </summary>
public interface IPersonaVersionStore
{
    int CurrentVersion(string scope);

    PersonaVersion? Current(string scope);

    PersonaVersion? Find(string scope, int version);

    /// <summary>Newest first.</summary>
    IReadOnlyList<PersonaVersion> History(string scope);

    /// <summary>Appends a version (one durable transaction) and returns its number.</summary>
    int Append(string scope, string yaml, string changedBy, DateTimeOffset at, string note);
}

/// <summary>
/// A lock per member that holds across every process sharing the store (PostgreSQL: a session advisory lock). Held
/// for a whole turn, it keeps one member's turns from interleaving and one model request in flight per member.
/// </summary>
public interface IMemberLeases
{
    Task<IDisposable> AcquireAsync(string memberId, CancellationToken cancellationToken);
}
