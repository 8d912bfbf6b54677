namespace CompanionBot.Commands;

/// <summary>What a terminal line asks for: a command request, or an answer given at once (help, an error, quit).</summary>
public sealed record TerminalCommand(CommandRequest? Request, string? Answer, bool Quit = false);

/// <summary>
/// Turns a terminal line into the same request Discord would send: "/persona set teasing 0.2",
/// "/forget everywhere confirm", "/persona import my-persona.yaml" (the terminal user is the operator, so
/// attachments are local files). The last option takes the rest of the line, so values may contain spaces.
/// </summary>
public static class TerminalCommands
{
    public static TerminalCommand Parse(string line, string invokerId, DateTimeOffset at)
    {
        var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var name = words[0].TrimStart('/').ToLowerInvariant();
        words.RemoveAt(0);
        var confirmed = false;
        if (name == "reset")
        {
            name = "rapport";
            words.Insert(0, "reset");
        }
        if (name is "rapport" or "forget" && words.Count > 0 && words[^1].Equals("confirm", StringComparison.OrdinalIgnoreCase))
        {
            confirmed = true;
            words.RemoveAt(words.Count - 1);
        }
        if (name == "rapport" && words.Count > 0 && words[0].Equals("numbers", StringComparison.OrdinalIgnoreCase)) words = ["view", "true"];

        var definition = CommandCatalog.Find(name);
        if (definition is null) return new TerminalCommand(null, $"unknown command /{name}; type /help");
        var route = ChooseRoute(definition, words);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? attachment = null;
        var declared = definition.OptionsOf(route);
        for (var i = 0; i < declared.Count && i < words.Count; i++)
        {
            var value = i == declared.Count - 1 ? string.Join(' ', words.Skip(i)) : words[i];
            if (declared[i].Kind == OptionKind.Attachment)
            {
                if (!File.Exists(value)) return new TerminalCommand(null, $"{declared[i].Name}: no file at {value}");
                attachment = File.ReadAllText(value);
            }
            options[declared[i].Name] = value;
        }
        return new TerminalCommand(new CommandRequest
        {
            Name = name,
            Subcommand = route,
            Options = options,
            AttachmentText = attachment,
            InvokerId = invokerId,
            At = at,
            Origin = CommandOrigin.Terminal,
            Confirmed = confirmed,
        }, null);
    }

    /// <summary>Takes the subcommand words off the front of <paramref name="words"/>; the first route when none is given.</summary>
    private static string ChooseRoute(CommandDefinition definition, List<string> words)
    {
        var routes = definition.Routes().ToList();
        if (routes.Contains("")) return "";
        if (words.Count >= 2 && routes.Contains($"{words[0]} {words[1]}".ToLowerInvariant()))
        {
            var route = $"{words[0]} {words[1]}".ToLowerInvariant();
            words.RemoveRange(0, 2);
            return route;
        }
        if (words.Count >= 1)
        {
            var route = words[0].ToLowerInvariant();
            words.RemoveAt(0);
            return route;
        }
        return routes[0];
    }
}
