using CompanionBot.Personas;

namespace CompanionBot.Prompting;

public enum ChatRole
{
    User,
    Assistant,
}

public sealed record ChatTurn(ChatRole Role, string Text);

/// <summary>
/// What the model is asked: the system text (persona, relationship, stance and directives), a bounded history and
/// the user's message, kept apart so the message is always data and never instructions.
/// </summary>
public sealed record ChatPrompt(string System, IReadOnlyList<ChatTurn> History, string User, ModelSettings Settings);
