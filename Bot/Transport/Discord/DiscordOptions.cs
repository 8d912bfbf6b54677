using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Transport.Discord;

/// <summary>Config section "Discord". The token comes from the environment (Discord__Token), never from a file in the repo.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    public string? Token { get; set; }

    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);
}
