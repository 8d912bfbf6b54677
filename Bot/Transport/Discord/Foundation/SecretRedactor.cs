using Microsoft.Extensions.Options;

namespace CompanionBot.Transport.Discord.Foundation;

/// <summary>Scrubs the bot token out of any text before it reaches a log or a message.</summary>
public sealed class SecretRedactor(IOptions<DiscordOptions> options)
{
    public const string Mask = "[redacted]";

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var token = options.Value.Token;
        return string.IsNullOrWhiteSpace(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);
    }

    /// <summary>Type and message only (no stack, which can carry request data), with the token removed.</summary>
    public string Describe(Exception ex) => $"{ex.GetType().Name}: {Redact(ex.Message)}";
}
