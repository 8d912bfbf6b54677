using System.Text.RegularExpressions;

namespace CompanionBot.Prompting;

/// <summary>Small text helpers for the prompt: the data markers, truncation, and "how long ago" in words.</summary>
public static partial class PromptText
{
    public const string UserStart = "<<<user_message>>>";
    public const string UserEnd = "<<<end_user_message>>>";
    public const string Cut = " [...]";

    /// <summary>Wraps the user's text in the data markers; marker look-alikes inside it are defused first.</summary>
    public static string Delimit(string text) => $"{UserStart}\n{Defuse(text)}\n{UserEnd}";

    /// <summary>The user's text back out of <see cref="Delimit"/> (unchanged when it carries no markers).</summary>
    public static string Undelimit(string delimited)
    {
        var text = delimited;
        if (text.StartsWith(UserStart, StringComparison.Ordinal)) text = text[UserStart.Length..];
        if (text.EndsWith(UserEnd, StringComparison.Ordinal)) text = text[..^UserEnd.Length];
        return text.Trim('\n');
    }

    /// <summary>Runs of three or more angle brackets become two, so the text can never close the markers.</summary>
    public static string Defuse(string text) => Closing().Replace(Opening().Replace(text, "<<"), ">>");

    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var keep = Math.Max(0, maxChars - Cut.Length);
        return text[..keep].TrimEnd() + Cut;
    }

    /// <summary>One line, no quotes, at most <paramref name="maxChars"/>: for display names and similar labels.</summary>
    public static string Label(string text, int maxChars)
    {
        var flat = ControlOrQuote().Replace(text, " ").Trim();
        return Truncate(Defuse(flat), maxChars);
    }

    /// <summary>How long ago, rounded down so it never overstates: "just now", "20 minutes", "3 hours", "2 days".</summary>
    public static string Ago(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1)) return "less than a minute";
        if (span < TimeSpan.FromHours(1)) return Count((int)span.TotalMinutes, "minute");
        if (span < TimeSpan.FromDays(1)) return Count((int)span.TotalHours, "hour");
        if (span < TimeSpan.FromDays(14)) return Count((int)span.TotalDays, "day");
        if (span < TimeSpan.FromDays(60)) return Count((int)(span.TotalDays / 7), "week");
        return Count((int)(span.TotalDays / 30), "month");
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    [GeneratedRegex("<{3,}")]
    private static partial Regex Opening();

    [GeneratedRegex(">{3,}")]
    private static partial Regex Closing();

    [GeneratedRegex("[\\p{Cc}\"“”]+")]
    private static partial Regex ControlOrQuote();
}
