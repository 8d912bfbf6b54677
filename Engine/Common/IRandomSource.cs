namespace CompanionBot.Common;

/// <summary>Randomness, injected so tests can fix it. Only for jitter and similar non-secret choices.</summary>
public interface IRandomSource
{
    /// <summary>A value in [0, 1).</summary>
    double NextDouble();
}
