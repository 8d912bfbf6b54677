namespace CompanionBot.Personas;

/// <summary>The persona that ships with the program (an embedded YAML file, validated like any other).</summary>
public static class DefaultPersona
{
    public const string ResourceName = "CompanionBot.Personas.default-persona.yaml";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(DefaultPersona).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Yaml => Text.Value;

    public static PersonaConfig Load() => PersonaYamlReader.Parse(Yaml, "default persona");
}
