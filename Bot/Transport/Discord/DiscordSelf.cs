namespace CompanionBot.Transport.Discord;

/// <summary>Who the bot is, learnt from READY: its user id (to ignore its own messages, spot mentions) and application id.</summary>
public sealed class DiscordSelf
{
    private volatile string? _userId;
    private volatile string? _applicationId;

    public string? UserId => _userId;

    public string? ApplicationId => _applicationId;

    /// <summary>Returns true the first time an application id is learnt.</summary>
    public bool Learn(string userId, string applicationId)
    {
        _userId = userId;
        if (string.IsNullOrEmpty(applicationId)) return false;
        return Interlocked.Exchange(ref _applicationId, applicationId) is null;
    }
}
