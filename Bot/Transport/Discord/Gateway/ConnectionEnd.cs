namespace CompanionBot.Transport.Discord.Gateway;

public enum NextStep
{
    Stop,
    Resume,
    Identify,
    Fatal,
    ConnectFailed,
}

/// <summary>
/// How one connection ended and what the shard does next. <paramref name="Pause"/>, when set, was armed before the
/// socket closed, so the wait is measured from the close and not from whenever the close finished.
/// </summary>
public sealed record ConnectionEnd(NextStep Next, string Why, string? FixMessage = null, Task? Pause = null)
{
    public static ConnectionEnd Stopped { get; } = new(NextStep.Stop, "stopping");
}
