namespace CompanionBot.Transport.Discord;

/// <summary>
/// Who the bot is, learnt from READY: its user id (to ignore its own messages, spot mentions) and application id; and
/// per guild its managed role (the role Discord creates for a bot, tagged with its id), which members mention too.
/// </summary>
public sealed class DiscordSelf
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _roles = new(StringComparer.Ordinal);

    private volatile string? _userId;
    private volatile string? _applicationId;

    public string? UserId => _userId;

    public string? ApplicationId => _applicationId;

    /// <summary>The bot's managed role in a guild, when GUILD_CREATE named one.</summary>
    public string? RoleIn(string guildId) => _roles.GetValueOrDefault(guildId);

    public void LearnRole(string guildId, string roleId) => _roles[guildId] = roleId;

    /// <summary>Returns true the first time an application id is learnt.</summary>
    public bool Learn(string userId, string applicationId)
    {
        _userId = userId;
        if (string.IsNullOrEmpty(applicationId)) return false;
        return Interlocked.Exchange(ref _applicationId, applicationId) is null;
    }
}
