using System.Security.Cryptography;
using CompanionBot.Common;

namespace CompanionBot.Hosting;

/// <summary>The production random source (the engine only sees <see cref="IRandomSource"/>): no shared state, safe from any thread.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public double NextDouble() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
}
