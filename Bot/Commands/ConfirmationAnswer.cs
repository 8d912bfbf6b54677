namespace CompanionBot.Commands;

/// <summary>
/// Reads a typed answer to a confirmation prompt the way a person means it: "yes", "y", "confirm", "ok", "sure",
/// "do it" go ahead; "no", "n", "cancel", "never mind" stop; anything else is not an answer (it is chat).
/// </summary>
public static class ConfirmationAnswer
{
    public enum Kind
    {
        None,
        Yes,
        No,
    }

    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
    {
        "yes", "y", "yeah", "yep", "yup", "ya", "confirm", "confirmed", "ok", "okay", "sure", "do it", "go ahead",
        "proceed", "yes please", "yes do it", "i'm sure", "im sure", "i am sure", "delete it",
    };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
    {
        "no", "n", "nope", "nah", "cancel", "stop", "abort", "don't", "dont", "never mind", "nevermind", "no thanks",
        "wait", "keep", "keep it",
    };

    public static Kind Read(string line)
    {
        var words = line.Trim().ToLowerInvariant().TrimEnd('.', '!', '?').Trim();
        if (words.StartsWith('/')) words = words[1..];
        if (Yes.Contains(words)) return Kind.Yes;
        return No.Contains(words) ? Kind.No : Kind.None;
    }
}
