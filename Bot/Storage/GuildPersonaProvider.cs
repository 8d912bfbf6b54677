using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using CompanionBot.Personas;

namespace CompanionBot.Storage;

/// <summary>
/// The persona in force per scope: the newest stored version, parsed once and cached until a newer version appears;
/// the default persona when the scope has none. A stored version that no longer parses never crashes a reply: the
/// default is served and a warning logged once per version.
/// </summary>
public sealed class GuildPersonaProvider(CompanionBot.Storage.IPersonaVersionStore store, PersonaConfig defaultPersona, ILogger<GuildPersonaProvider> logger)
    : IPersonaProvider
{
    private readonly ConcurrentDictionary<string, (int Version, PersonaConfig Persona)> _cache = new(StringComparer.Ordinal);

    public PersonaConfig For(string scope)
    {
        var version = store.CurrentVersion(scope);
        if (version == 0) return defaultPersona;
        if (_cache.TryGetValue(scope, out var cached) && cached.Version == version) return cached.Persona;
        var persona = Load(scope, version);
        _cache[scope] = (version, persona);
        return persona;
    }

    private PersonaConfig Load(string scope, int version)
    {
        var stored = store.Find(scope, version);
        if (stored is null) return defaultPersona;
        try
        {
            return PersonaYamlReader.Parse(stored.Yaml, $"{scope} persona v{version}");
        }
        catch (PersonaInvalidException ex)
        {
            logger.LogWarning("Stored persona {Scope} v{Version} is invalid, serving the default persona: {Errors}",
                scope, version, string.Join("; ", ex.Errors));
            return defaultPersona;
        }
    }
}
