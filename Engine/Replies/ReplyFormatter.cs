using System.Text.RegularExpressions;

namespace CompanionBot.Replies;

/// <summary>Makes any text safe to send: no mass or role mentions, split into parts of at most 2000 characters.</summary>
public static partial class ReplyFormatter
{
    public const int DiscordMessageLimit = 2000;

    public static IReadOnlyList<string> Format(string text, int limit = DiscordMessageLimit)
    {
        var safe = MassMention().Replace(text.Trim(), "@\u200b$1");
        safe = RoleOrUserMention().Replace(safe, "@\u200b$1");
        if (safe.Length == 0) safe = "...";
        var parts = new List<string>();
        var rest = safe.AsSpan();
        while (rest.Length > limit)
        {
            var cut = rest[..limit].LastIndexOfAny('\n', ' ');
            if (cut < limit / 2) cut = limit;
            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) parts.Add(rest.ToString());
        return parts;
    }

    [GeneratedRegex("@(everyone|here)", RegexOptions.IgnoreCase)]
    private static partial Regex MassMention();

    [GeneratedRegex("<@(&?!?\\d+>)")]
    private static partial Regex RoleOrUserMention();
}
