namespace CompanionBot.Vocabulary;

/// <summary>
/// Who a relationship is with, and where. The scope is a guild ("guild:ID") or the DM scope: a member's
/// relationship in one server never leaks into another server or into DMs.
/// </summary>
public readonly record struct RelationshipKey(string Scope, string MemberId)
{
    public const string DmScope = "dm";
    private const string GuildPrefix = "guild:";

    public static RelationshipKey Dm(string memberId) => new(DmScope, memberId);

    public static RelationshipKey InGuild(string guildId, string memberId) => new(GuildPrefix + guildId, memberId);

    public bool IsDm => Scope == DmScope;

    /// <summary>The guild id, or null in DMs.</summary>
    public string? GuildId => Scope.StartsWith(GuildPrefix, StringComparison.Ordinal) ? Scope[GuildPrefix.Length..] : null;

    public override string ToString() => $"{Scope}/{MemberId}";
}
