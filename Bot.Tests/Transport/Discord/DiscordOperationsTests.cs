using System.Text.Json.Nodes;
using CompanionBot.Commands;
using CompanionBot.Hosting;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CompanionBot.Terminal;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>What an operator sees: exit codes and messages, the heartbeat file, logs without the token, command sync.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordOperationsTests
{
    [Test]
    public async Task DiscordMode_Close4004_ExitsWith2AndOneLineNamingTheToken()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.OnIdentify = (c, _) => c.CloseAsync(4004, "Authentication failed.");
        var directory = Directory.CreateTempSubdirectory("companion-discord-mode-");
        var error = new StringWriter();
        try
        {
            var exit = await BotProgram.RunAsync(["discord"], new ConsoleIo(new StringReader(""), new StringWriter(), error), new Dictionary<string, string?>
            {
                ["Discord:Token"] = DiscordHarness.Token,
                ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
                ["Discord:HeartbeatFile"] = Path.Combine(directory.FullName, "heartbeat"),
                ["Discord:CommandHashFile"] = Path.Combine(directory.FullName, "commands.sha256"),
                ["Discord:SessionFile"] = Path.Combine(directory.FullName, "session.json"),
                ["Storage:DatabasePath"] = Path.Combine(directory.FullName, "companion.db"),
            }).WaitAsync(Signals<int>.Guard);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("4004").And.Contain("Discord:Token"));
            Assert.That(error.ToString(), Does.Not.Contain(DiscordHarness.Token));
            Assert.That(fake.Connections.Count, Is.EqualTo(1), "no reconnect loop on a bad token");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task DiscordMode_NoToken_ExitsWith2NamingTheSetting()
    {
        var error = new StringWriter();
        var directory = Directory.CreateTempSubdirectory("companion-discord-mode-");
        try
        {
            var exit = await BotProgram.RunAsync(["discord"], new ConsoleIo(new StringReader(""), new StringWriter(), error), new Dictionary<string, string?>
            {
                ["Discord:Token"] = "",
                ["Storage:DatabasePath"] = Path.Combine(directory.FullName, "companion.db"),
            });

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("Discord__Token"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Logs_TokenInCloseReason_AreRedacted()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.OnIdentify = (c, _) => c.CloseAsync(4004, "bad " + DiscordHarness.Token));

        var result = await bot.Run.WaitAsync(Signals<int>.Guard);

        Assert.That(result.IsFatal, Is.True);
        Assert.That(bot.Logs.Snapshot(), Has.Some.Contains(SecretRedactor.Mask));
        Assert.That(bot.Logs.Snapshot(), Has.None.Contains(DiscordHarness.Token));
        Assert.That(result.FatalMessage, Does.Not.Contain(DiscordHarness.Token));
    }

    [Test]
    public async Task HeartbeatAck_Received_TouchesHeartbeatFile()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000);
        var gateway = await bot.ReadyAsync();
        var path = bot.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.HeartbeatFile;
        Assert.That(File.Exists(path), Is.False);

        bot.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await gateway.WaitForOpAsync(1);
        await bot.Logs.WaitForAsync(l => l.Contains("heartbeat ACK", StringComparison.Ordinal), "the ACK to be handled");

        Assert.That(File.Exists(path), Is.True);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(bot.Clock.GetUtcNow().UtcDateTime));
    }

    [Test]
    public async Task HeartbeatAck_StoreFailingLongerThanTheBound_HeartbeatFileNotTouchedUntilItWorksAgain()
    {
        await using var bot = await DiscordHarness.StartAsync(f => f.HeartbeatIntervalMs = 1000,
            settings: new Dictionary<string, string?> { ["StoreOutage:UnhealthyAfterSeconds"] = "1" });
        var gateway = await bot.ReadyAsync();
        var path = bot.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.HeartbeatFile;
        var health = bot.Services.GetRequiredService<CompanionBot.Pipeline.StoreHealth>();
        health.Failed(CompanionBot.Storage.StorageFault.Unreachable); // what the pipeline reports when a turn cannot reach the store

        var acks = bot.Logs.Count;
        bot.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await bot.Logs.WaitForAsync(l => l.Contains("heartbeat ACK", StringComparison.Ordinal), "the first ACK", acks);
        var touched = bot.Clock.GetUtcNow().UtcDateTime;
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(touched), "failing for 0.5 s, within the bound: still healthy");

        acks = bot.Logs.Count;
        bot.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        await bot.Logs.WaitForAsync(l => l.Contains("heartbeat ACK", StringComparison.Ordinal), "the second ACK", acks);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(touched), "failing for 1.5 s: the file ages and the health check fails");

        health.Worked();
        acks = bot.Logs.Count;
        bot.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        await bot.Logs.WaitForAsync(l => l.Contains("heartbeat ACK", StringComparison.Ordinal), "the third ACK", acks);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(bot.Clock.GetUtcNow().UtcDateTime), "the store works again: healthy again");
    }

    [Test]
    public async Task CommandRegistrar_UnchangedDefinitions_DoesNotRegisterAgain_ChangedOnesDo()
    {
        await using var bot = await DiscordHarness.StartAsync();
        await bot.ReadyAsync();
        await bot.Logs.WaitForAsync(l => l.Contains("Registered", StringComparison.Ordinal), "the first registration to finish");
        var registrar = bot.Services.GetRequiredService<CommandRegistrar>();

        var again = await registrar.EnsureRegisteredAsync(FakeDiscord.ApplicationId, CancellationToken.None);
        var withMore = new CommandRegistrar(
            new ExtraCommand(bot.Services.GetRequiredService<ISlashCommands>()),
            bot.Services.GetRequiredService<DiscordApi>(),
            bot.Services.GetRequiredService<IOptions<DiscordOptions>>(),
            NullLogger<CommandRegistrar>.Instance);
        var changed = await withMore.EnsureRegisteredAsync(FakeDiscord.ApplicationId, CancellationToken.None);

        Assert.That(again, Is.False);
        Assert.That(changed, Is.True);
        var puts = bot.Fake.Sent("PUT", "applications/");
        Assert.That(puts, Has.Count.EqualTo(2));
        Assert.That(puts[1].Body!.AsArray().Select(c => (string?)c!["name"]), Is.EquivalentTo(CommandCatalog.All.Select(c => c.Name).Append("extra")));
    }

    /// <summary>The real commands plus one more: a changed definition set.</summary>
    private sealed class ExtraCommand(ISlashCommands real) : ISlashCommands
    {
        public JsonArray Registration()
        {
            var all = real.Registration();
            all.Add(new JsonObject { ["name"] = "extra", ["type"] = 1, ["description"] = "an extra command" });
            return all;
        }

        public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => real.HandleAsync(request, cancellationToken);
    }
}
