using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Prompting;

/// <summary>Config section "Prompt": how big a prompt may get, whatever the history length. Tokens are chars / 4.</summary>
public sealed class PromptOptions
{
    public const string Section = "Prompt";

    /// <summary>Upper bound on the whole prompt (system, history and the user's message), in approximate tokens.</summary>
    [Range(500, 200_000)]
    public int MaxPromptTokens { get; set; } = 3000;

    /// <summary>At most this many recent turns are offered to the model; older ones are dropped first.</summary>
    [Range(0, 500)]
    public int MaxHistoryTurns { get; set; } = 20;

    /// <summary>A single past turn longer than this is cut.</summary>
    [Range(50, 20_000)]
    public int MaxTurnChars { get; set; } = 1200;

    /// <summary>The user's current message longer than this is cut.</summary>
    [Range(100, 50_000)]
    public int MaxUserChars { get; set; } = 4000;

    /// <summary>Approximate tokens of a text: characters / 4, rounded up.</summary>
    public static int Tokens(string text) => (text.Length + 3) / 4;
}
