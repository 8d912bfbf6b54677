using System.Globalization;
using System.Text;
using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Storage;

namespace CompanionBot.Commands;

/// <summary>
/// /persona: moderators tune this server's persona. Every change is validated in full before it is saved (the
/// version in force stays otherwise), saved as a new version with its exact YAML text, and recorded with who and when.
/// </summary>
public sealed class PersonaCommands(CompanionBot.Storage.IPersonaVersionStore versions, IPersonaProvider personas, PersonaPreview preview)
    : ICommandGroup
{
    public const int MaxYamlChars = 64 * 1024;
    private const int HistoryShown = 15;

    public string Name => "persona";

    public IReadOnlyList<string> Routes { get; } = ["show", "set", "import", "export", "history", "rollback", "reset", "preview"];

    public async Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => request.Subcommand switch
    {
        "set" => Set(request),
        "import" => Import(request),
        "export" => Export(request),
        "history" => History(request),
        "rollback" => Rollback(request),
        "reset" => Reset(request),
        "preview" => await preview.RunAsync(request, personas.For(request.Scope), cancellationToken).ConfigureAwait(false),
        _ => Show(request),
    };

    private CommandReply Show(CommandRequest request)
    {
        var current = versions.Current(request.Scope);
        var persona = personas.For(request.Scope);
        var sb = new StringBuilder();
        sb.AppendLine(current is null ? "The default persona is in force (no saved versions yet)."
            : IsValid(current.Yaml) ? $"Version {current.Version} is in force ({current.Note})."
            : $"Version {current.Version} is saved but no longer valid, so the default persona is in force; /persona rollback or /persona import fixes it.");
        sb.Append(CultureInfo.InvariantCulture, $"name {persona.Name} · age {persona.Age} · teasing {persona.Teasing:0.##} · selectivity {persona.Selectivity:0.##}");
        sb.Append(CultureInfo.InvariantCulture, $" · friction_half_life {DurationText.Format(persona.FrictionHalfLife)}");
        sb.AppendLine(persona.Romance.Allowed ? $" · romance from {WireNames.Of(persona.Romance.FromStage)}" : " · romance off");
        sb.Append(CultureInfo.InvariantCulture, $"{persona.Rules.Count} extra stance rules. /persona export gives the whole file.");
        return new CommandReply(sb.ToString());
    }

    private CommandReply Set(CommandRequest request)
    {
        var field = request.Option("field");
        var value = request.Option("value");
        if (field is null || value is null) return new CommandReply("Use /persona set <field> <value>, e.g. /persona set teasing 0.2.");
        var (yaml, error) = PersonaFieldEditor.Set(CurrentYaml(request.Scope), field, value);
        return yaml is null ? Rejected(request, [error!]) : Save(request, yaml, $"set {field.ToLowerInvariant()} = {Shorten(value)}");
    }

    private CommandReply Import(CommandRequest request)
    {
        var text = request.AttachmentText;
        if (string.IsNullOrWhiteSpace(text)) return new CommandReply("Attach the persona as a YAML file (the format of /persona export).");
        if (text.Length > MaxYamlChars) return Rejected(request, [$"file: too large ({text.Length} characters; {MaxYamlChars} at most)"]);
        return Save(request, text, "import");
    }

    private CommandReply Export(CommandRequest request)
    {
        var current = versions.Current(request.Scope);
        var name = current is null ? "persona-default.yaml" : $"persona-v{current.Version}.yaml";
        var text = current is null ? "The default persona (no saved versions yet), as YAML." : $"Version {current.Version} of the persona in force here, as YAML.";
        return new CommandReply(text, File: new CommandFile(name, Encoding.UTF8.GetBytes(CurrentYaml(request.Scope))));
    }

    private CommandReply History(CommandRequest request)
    {
        var history = versions.History(request.Scope);
        if (history.Count == 0) return new CommandReply("No saved versions: the default persona is in force.");
        var sb = new StringBuilder($"{history.Count} version{(history.Count == 1 ? "" : "s")}, newest first:");
        foreach (var v in history.Take(HistoryShown))
        {
            sb.AppendLine().Append(CultureInfo.InvariantCulture,
                $"v{v.Version}{(v == history[0] ? " (in force)" : "")} · {v.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · by {Who(request, v.ChangedBy)} · {v.Note}");
        }
        if (history.Count > HistoryShown) sb.AppendLine().Append(CultureInfo.InvariantCulture, $"... and {history.Count - HistoryShown} older.");
        return new CommandReply(sb.ToString());
    }

    private CommandReply Rollback(CommandRequest request)
    {
        if (!int.TryParse(request.Option("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new CommandReply("version: give a version number from /persona history, e.g. /persona rollback 2.");
        }
        var target = versions.Find(request.Scope, number);
        if (target is null)
        {
            var latest = versions.CurrentVersion(request.Scope);
            return new CommandReply(latest == 0 ? "There are no saved versions to roll back to." : $"version: no version {number}; versions go from 1 to {latest}.");
        }
        // Rolling back to what is already in force would only add an empty version to the history.
        var current = versions.Current(request.Scope)!;
        if (IsValid(current.Yaml) && target.Version == current.Version)
        {
            return new CommandReply($"Version {number} is already in force; nothing changed.");
        }
        if (IsValid(current.Yaml) && target.Yaml == current.Yaml)
        {
            return new CommandReply($"Version {number} has the same text as version {current.Version}, which is in force; nothing changed.");
        }
        return Save(request, target.Yaml, $"rollback to v{number}");
    }

    private CommandReply Reset(CommandRequest request) => versions.CurrentVersion(request.Scope) == 0
        ? new CommandReply("The default persona is already in force.")
        : Save(request, DefaultPersona.Yaml, "reset to default");

    private CommandReply Save(CommandRequest request, string yaml, string note)
    {
        PersonaConfig parsed;
        try
        {
            parsed = PersonaYamlReader.Parse(yaml, "persona");
        }
        catch (PersonaInvalidException ex)
        {
            return Rejected(request, ex.Errors);
        }
        var version = versions.Append(request.Scope, yaml, request.InvokerId, request.At, note);
        var undo = version == 1 ? "/persona reset" : $"/persona rollback {version - 1}";
        return new CommandReply($"Saved as version {version} ({note}); {parsed.Name} uses it from the next message. {undo} undoes it.");
    }

    private CommandReply Rejected(CommandRequest request, IReadOnlyList<string> errors)
    {
        var inForce = versions.CurrentVersion(request.Scope) is var v and > 0 ? $"version {v}" : "the default persona";
        var shown = errors.Take(10).Select(e => "- " + e);
        return new CommandReply($"Not saved; {inForce} stays in force.\n" + string.Join("\n", shown));
    }

    private static bool IsValid(string yaml)
    {
        try
        {
            PersonaYamlReader.Parse(yaml, "persona");
            return true;
        }
        catch (PersonaInvalidException)
        {
            return false;
        }
    }

    private string CurrentYaml(string scope) => versions.Current(scope)?.Yaml ?? DefaultPersona.Yaml;

    private static string Who(CommandRequest request, string id) => request.Origin == CommandOrigin.Discord && id.All(char.IsAsciiDigit) ? $"<@{id}>" : id;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
