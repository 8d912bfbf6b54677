using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Pipeline;

/// <summary>Config section "Flood": how many messages a member and a server may send per window.</summary>
public sealed class FloodOptions
{
    public const string Section = "Flood";

    [Range(1, 1000)]
    public int MemberMessages { get; set; } = 5;

    [Range(1, 3600)]
    public int MemberWindowSeconds { get; set; } = 10;

    [Range(1, 100000)]
    public int ServerMessages { get; set; } = 60;

    [Range(1, 3600)]
    public int ServerWindowSeconds { get; set; } = 30;
}
