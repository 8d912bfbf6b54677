namespace CompanionBot.Personas;

/// <summary>A persona file was rejected; each error names the field (and line) and what is allowed.</summary>
public sealed class PersonaInvalidException(string source, IReadOnlyList<string> errors)
    : Exception($"{source}: invalid persona: {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
