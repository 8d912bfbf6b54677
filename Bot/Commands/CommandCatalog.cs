using System.Text.Json;
using System.Text.Json.Nodes;

namespace CompanionBot.Commands;

/// <summary>Discord's application command option types (the numbers are the wire values).</summary>
public enum OptionKind
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    Channel = 7,
    Attachment = 11,
}

public sealed record CommandOption(string Name, string Description, OptionKind Kind, bool Required = false,
    IReadOnlyList<string>? Choices = null, IReadOnlyList<CommandOption>? Options = null);

/// <summary>A top-level slash command. Moderator commands need Manage Server and exist only in servers.</summary>
public sealed record CommandDefinition(string Name, string Description, bool ModeratorOnly, IReadOnlyList<CommandOption> Options)
{
    /// <summary>Every runnable path: "" for a command without subcommands, else "view", "channels add"...</summary>
    public IEnumerable<string> Routes()
    {
        var subs = Options.Where(o => o.Kind is OptionKind.SubCommand or OptionKind.SubCommandGroup).ToList();
        if (subs.Count == 0) return [""];
        return subs.SelectMany(s => s.Kind == OptionKind.SubCommand
            ? [s.Name]
            : (s.Options ?? []).Select(inner => $"{s.Name} {inner.Name}"));
    }

    /// <summary>The options of one route, in order (the terminal maps positional words onto them).</summary>
    public IReadOnlyList<CommandOption> OptionsOf(string route)
    {
        IReadOnlyList<CommandOption> level = Options;
        foreach (var part in route.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            level = level.FirstOrDefault(o => o.Name == part)?.Options ?? [];
        }
        return level.Where(o => o.Kind is not (OptionKind.SubCommand or OptionKind.SubCommandGroup)).ToList();
    }
}

/// <summary>Every command, for registration with Discord (bulk overwrite) and for terminal parsing.</summary>
public static class CommandCatalog
{
    /// <summary>Discord's MANAGE_GUILD permission bit (1 &lt;&lt; 5), as default_member_permissions wants it.</summary>
    public const string ManageGuildPermission = "32";

    private static CommandOption Sub(string name, string description, params CommandOption[] options) =>
        new(name, description, OptionKind.SubCommand, Options: options);

    private static readonly CommandOption Channel = new("channel", "The channel", OptionKind.Channel, Required: true);

    public static readonly IReadOnlyList<CommandDefinition> All =
    [
        new("rapport", "Where you and the companion stand", false,
        [
            Sub("view", "Where we stand, in words (numbers on request)",
                new CommandOption("numbers", "Also show the ledger numbers", OptionKind.Boolean)),
            Sub("why", "The rule behind the last reply, and its reasons"),
            Sub("reset", "Start over as strangers (asks to confirm; once a day)"),
        ]),
        new("forget", "Delete everything stored about you, for real (asks to confirm)", false,
        [
            new CommandOption("scope", "Only this server (or these DMs), or everywhere", OptionKind.String, Choices: ["here", "everywhere"]),
        ]),
        new("export", "Your stored data for this server (or these DMs) as a JSON file", false, []),
        new("persona", "Moderators: the companion's persona on this server", true,
        [
            Sub("show", "The persona in force and its version"),
            Sub("set", "Change one field",
                new CommandOption("field", "The field, e.g. teasing or pacing.friend.trust", OptionKind.String, Required: true),
                new CommandOption("value", "The new value", OptionKind.String, Required: true)),
            Sub("import", "Replace the persona with a YAML file",
                new CommandOption("file", "The persona YAML file", OptionKind.Attachment, Required: true)),
            Sub("export", "The persona in force as a YAML file"),
            Sub("history", "Every version, who changed it and when"),
            Sub("rollback", "Restore an earlier version exactly",
                new CommandOption("version", "The version number", OptionKind.Integer, Required: true)),
            Sub("reset", "Go back to the default persona (as a new version)"),
            Sub("preview", "Run a scenario file against this server's persona, or show its offline voice",
                new CommandOption("scenario", "A scenario YAML file (without one: the offline voice's banks and facts)", OptionKind.Attachment)),
        ]),
        new("companion", "Moderators: the companion on this server", true,
        [
            Sub("stats", "Stance counts and safety referrals (no message content)"),
            new CommandOption("channels", "Channels answered without a mention", OptionKind.SubCommandGroup, Options:
            [
                Sub("add", "Answer in this channel without being mentioned", Channel),
                Sub("remove", "Only answer when mentioned in this channel", Channel),
                Sub("list", "The channels answered without a mention"),
            ]),
        ]),
    ];

    public static CommandDefinition? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The body of PUT /applications/{id}/commands (bulk overwrite of global commands).</summary>
    public static string ToDiscordJson()
    {
        var commands = new JsonArray();
        foreach (var command in All)
        {
            var node = new JsonObject
            {
                ["name"] = command.Name,
                ["type"] = 1,
                ["description"] = command.Description,
                ["options"] = Options(command.Options),
                ["integration_types"] = new JsonArray(0),
                // 0 = guild, 1 = bot DM. Moderator commands are never offered in DMs.
                ["contexts"] = command.ModeratorOnly ? new JsonArray(0) : new JsonArray(0, 1),
                ["dm_permission"] = !command.ModeratorOnly,
            };
            if (command.ModeratorOnly) node["default_member_permissions"] = ManageGuildPermission;
            commands.Add(node);
        }
        return commands.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray Options(IReadOnlyList<CommandOption> options)
    {
        var array = new JsonArray();
        foreach (var option in options)
        {
            var node = new JsonObject
            {
                ["type"] = (int)option.Kind,
                ["name"] = option.Name,
                ["description"] = option.Description,
            };
            if (option.Kind is OptionKind.SubCommand or OptionKind.SubCommandGroup) node["options"] = Options(option.Options ?? []);
            else node["required"] = option.Required;
            if (option.Choices is { Count: > 0 } choices)
            {
                node["choices"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c }).ToArray());
            }
            array.Add(node);
        }
        return array;
    }
}
