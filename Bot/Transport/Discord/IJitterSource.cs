using System.Security.Cryptography;

namespace CompanionBot.Transport.Discord;

/// <summary>The one source of randomness for the transport (heartbeat jitter, backoff), injected so tests can fix it.</summary>
public interface IJitterSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}

/// <summary>Production jitter: the OS generator (thread-safe, no shared mutable state of our own).</summary>
public sealed class SystemJitterSource : IJitterSource
{
    public double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}
