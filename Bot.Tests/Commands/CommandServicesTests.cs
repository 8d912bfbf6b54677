using CompanionBot.Commands;
using CompanionBot.Hosting;
using CompanionBot.Personas;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CompanionBot.Terminal;

namespace CompanionBot.Tests.Commands;

public sealed class CommandServicesTests
{
    [Test]
    public async Task Host_Registrations_ServeGuildPersonasAndTheSeamsOverOneDatabase()
    {
        using var dir = new TempDirectory();
        using var host = CompanionHost.Build(new Dictionary<string, string?> { ["Storage:DatabasePath"] = dir.File("h.db") }, Mode.Chat);
        var services = host.Services;
        var commands = services.GetRequiredService<CommandService>();
        await commands.HandleAsync(new CommandRequest
        {
            Name = "persona", Subcommand = "set", InvokerId = "mod1", GuildId = "g1", PermissionBits = ModeratorCheck.ManageGuild,
            Options = new Dictionary<string, string> { ["field"] = "name", ["value"] = "Mara" }, At = DateTimeOffset.UnixEpoch,
        }, CancellationToken.None);
        await commands.HandleAsync(new CommandRequest
        {
            Name = "companion", Subcommand = "channels add", InvokerId = "mod1", GuildId = "g1", PermissionBits = ModeratorCheck.ManageGuild,
            Options = new Dictionary<string, string> { ["channel"] = "9" }, At = DateTimeOffset.UnixEpoch,
        }, CancellationToken.None);
        var personas = services.GetRequiredService<IPersonaProvider>();
        Assert.Multiple(() =>
        {
            Assert.That(personas, Is.InstanceOf<GuildPersonaProvider>());
            Assert.That(personas.For("guild:g1").Name, Is.EqualTo("Mara"));
            Assert.That(personas.For("dm").Name, Is.EqualTo("Ella"));
            Assert.That(services.GetRequiredService<IChannelSettings>().AnswersWithoutMention("g1", "9"), Is.True);
            Assert.That(services.GetRequiredService<IStatsRecorder>(), Is.SameAs(TurnCounters.Instance));
            Assert.That(services.GetRequiredService<ICounterReader>(), Is.InstanceOf<SqliteStatsStore>());
            Assert.That(commands.Groups.Select(g => g.Name), Is.EquivalentTo(CommandCatalog.All.Select(c => c.Name)));
        });
    }
}
