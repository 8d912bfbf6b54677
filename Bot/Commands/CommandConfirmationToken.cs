namespace CompanionBot.Commands;

/// <summary>
/// Confirmation tokens carry the command to run again, confirmed: "confirm|name|subcommand|option=value". They hold
/// nothing secret: the button is pressed by the invoker (a button on an ephemeral reply only they can see), and
/// the confirmed request is checked exactly like the first one (permissions, scope, daily limit).
/// </summary>
public static class CommandConfirmationToken
{
    public const string Prefix = "confirm|";

    public static string For(CommandRequest request, params (string Name, string Value)[] options) =>
        Prefix + request.Name + "|" + request.Subcommand + string.Concat(options.Select(o => $"|{o.Name}={o.Value}"));

    /// <summary>How to go ahead, in the words of the transport: a typed command in the terminal, a button in Discord.</summary>
    public static string HowToConfirm(CommandRequest request, string terminalHint) =>
        request.Origin == CommandOrigin.Terminal ? $"Type yes (or {terminalHint}) to go ahead, anything else to leave it." : "Press the button below to go ahead.";

    public static bool IsToken(string? customId) => customId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Rebuilds the confirmed request from a pressed button (or typed "confirm"); null when not a token.</summary>
    public static CommandRequest? ToRequest(string token, CommandRequest invocation)
    {
        if (!IsToken(token)) return null;
        var parts = token[Prefix.Length..].Split('|');
        if (parts.Length < 2 || parts[0].Length == 0) return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts[2..])
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) options[part[..eq]] = part[(eq + 1)..];
        }
        return invocation with { Name = parts[0], Subcommand = parts[1], Options = options, Confirmed = true };
    }
}
