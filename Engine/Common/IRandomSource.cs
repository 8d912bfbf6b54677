using System.Security.Cryptography;

namespace CompanionBot.Common;

/// <summary>Randomness, injected so tests can fix it. Only for jitter and similar non-secret choices.</summary>
public interface IRandomSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}

/// <summary>The production source: no shared state, safe from any thread.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}
