namespace CompanionBot.Personas;

/// <summary>The persona in force for a scope (a guild's own, or the default).</summary>
public interface IPersonaProvider
{
    PersonaConfig For(string scope);
}

/// <summary>Every scope gets the same persona (terminal chat, replay, eval, bench).</summary>
public sealed class FixedPersonaProvider(PersonaConfig persona) : IPersonaProvider
{
    public PersonaConfig For(string scope) => persona;
}
