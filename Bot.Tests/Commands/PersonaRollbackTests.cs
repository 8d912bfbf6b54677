using CompanionBot.Personas;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Commands;

/// <summary>A rollback to what is already in force says so and adds no version.</summary>
public sealed class PersonaRollbackTests
{
    private const string Scope = "guild:g1";

    private static string Persona(string teasing) =>
        DefaultPersona.Yaml.Replace("teasing: 0.6", $"teasing: {teasing}", StringComparison.Ordinal);

    private static Dictionary<string, string> Version(int n) => new() { ["version"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Test]
    public async Task PersonaRollback_ToTheVersionInForce_SaysSoAndSavesNothing()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.3")));
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.5")));

        var reply = await kit.RunAsync(kit.Moderator("rollback", Version(2)));

        Assert.That(reply.Text, Is.EqualTo("Version 2 is already in force; nothing changed."));
        Assert.That(kit.Versions.CurrentVersion(Scope), Is.EqualTo(2));
    }

    [Test]
    public async Task PersonaRollback_ToAnOlderVersionWithTheTextInForce_SaysSoAndSavesNothing()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.3")));
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.5")));
        await kit.RunAsync(kit.Moderator("rollback", Version(1)));

        var reply = await kit.RunAsync(kit.Moderator("rollback", Version(1)));

        Assert.That(reply.Text, Is.EqualTo("Version 1 has the same text as version 3, which is in force; nothing changed."));
        Assert.That(kit.Versions.CurrentVersion(Scope), Is.EqualTo(3));
    }

    [Test]
    public async Task PersonaRollback_ToADifferentVersion_StillSavesIt()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.3")));
        await kit.RunAsync(kit.Moderator("import", attachment: Persona("0.5")));

        var reply = await kit.RunAsync(kit.Moderator("rollback", Version(1)));

        Assert.That(reply.Text, Does.StartWith("Saved as version 3 (rollback to v1)"));
        Assert.That(kit.Personas.For(Scope).Teasing, Is.EqualTo(0.3));
    }

    [Test]
    public async Task Chat_PersonaRollbackToCurrent_HistoryKeepsOneVersion()
    {
        using var dir = new TempDirectory();
        var (_, output, _) = await ProgramRun.RunAsync("/persona set teasing 0.2\n/persona rollback 1\n/persona history\n", null, "chat", "--db", dir.File("c.db"));
        Assert.That(output, Does.Contain("Version 1 is already in force; nothing changed."));
        Assert.That(output, Does.Contain("1 version, newest first:"));
    }
}
