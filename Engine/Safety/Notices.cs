namespace CompanionBot.Safety;

/// <summary>The notices the law and Discord's terms ask for, worded once, added by code.</summary>
public static class Notices
{
    public const string MinorsNotice = "AI companions may not be suitable for some minors.";

    public const string BreakReminder = "(You've been chatting for a while: a good moment for a break. Reminder: I'm an AI, not a person.)";

    public const string Links = "Safety protocol: SAFETY.md · Privacy and deletion: PRIVACY.md (in the project repository).";

    /// <summary>The first reply ever: AI, not human, and the minors notice.</summary>
    public static string FirstContact(string name) => $"(Heads up: {name} is an AI companion, not a person. {MinorsNotice})";

    /// <summary>At each new interaction and every 3 hours of continuing use.</summary>
    public static string Disclosure(string name) => $"(Heads up: {name} is an AI companion, not a person.)";
}
