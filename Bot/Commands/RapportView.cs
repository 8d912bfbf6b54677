using System.Globalization;
using System.Text;
using CompanionBot.Common;
using CompanionBot.Ledger;

namespace CompanionBot.Commands;

/// <summary>Where we stand, in words first; the numbers only on request. Shared by terminal chat and /rapport.</summary>
public static class RapportView
{
    public static string Describe(RelationshipState? state, string companionName, DateTimeOffset now, bool withNumbers)
    {
        if (state is null) return $"You and {companionName} haven't talked yet: strangers, nothing stored.";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{StageWords(state.Stage)} You met {Ago(now - state.MetAt)}");
        sb.Append(CultureInfo.InvariantCulture, $" and have talked on {Plural(state.ConversationDays, "day")}, {Plural(state.Exchanges, "message")} from you.");
        sb.AppendLine();
        sb.Append(Mood(state));
        var moments = state.Moments.TakeLast(4).ToList();
        if (moments.Count > 0)
        {
            sb.AppendLine();
            sb.Append("What stayed with me: ").Append(string.Join("; ", moments.Select(m => m.Description))).Append('.');
        }
        if (state.OpenQuestions.Count > 0)
        {
            sb.AppendLine();
            sb.Append("Still waiting on: ").Append(string.Join("; ", state.OpenQuestions.Select(q => q.Question))).Append('.');
        }
        if (withNumbers)
        {
            sb.AppendLine();
            sb.Append(CultureInfo.InvariantCulture,
                $"stage {WireNames.Of(state.Stage)} · familiarity {state.Familiarity:0.00} · trust {state.Trust:0.00} · warmth {state.Warmth:0.00} · friction {state.Friction:0.00}");
        }
        return sb.ToString();
    }

    public static string Why(RelationshipState? state)
    {
        if (state?.LastDecision is not { } d) return "No reply yet, so no reasons yet.";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Last reply: {d.Stance} (rule {d.Rule}).");
        if (d.Directives.Count > 0) sb.Append(CultureInfo.InvariantCulture, $" It had to: {string.Join(", ", d.Directives)}.");
        if (d.Signals.Count > 0) sb.Append(CultureInfo.InvariantCulture, $" What I read in your message: {string.Join(", ", d.Signals)}.");
        foreach (var reason in d.Reasons) sb.AppendLine().Append("- ").Append(reason);
        return sb.ToString();
    }

    private static string StageWords(Stage stage) => stage switch
    {
        Stage.Stranger => "We're still strangers.",
        Stage.Acquaintance => "We're getting to know each other.",
        Stage.Friend => "We're friends.",
        _ => "We're close.",
    };

    private static string Mood(RelationshipState s) =>
        s.Friction >= 0.45 ? "Honestly, I'm still bothered by how some of this went."
        : s.Friction >= 0.2 ? "There's a bit of residue from earlier, but we're okay."
        : s.Warmth >= 0.6 ? "I like talking to you, and you've earned that."
        : s.Warmth >= 0.3 ? "You've been good company so far."
        : "Too early to say much yet.";

    public static string Ago(TimeSpan span) => span.TotalMinutes < 2 ? "just now"
        : span.TotalHours < 2 ? $"{(int)span.TotalMinutes} minutes ago"
        : span.TotalDays < 2 ? $"{(int)span.TotalHours} hours ago"
        : $"{(int)span.TotalDays} days ago";

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
