using CompanionBot.Hosting;
using CompanionBot.Terminal;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>The discord mode as hosted services of the generic host, against the fake Discord.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordHostedServiceTests
{
    [Test]
    public async Task Host_StoppedThroughLifetime_ClosesTheGatewayWith1000()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var directory = Directory.CreateTempSubdirectory("companion-discord-host-");
        try
        {
            using var host = CompanionHost.Build(Settings(fake, directory.FullName), Mode.Discord);
            await host.StartAsync();
            var connection = await fake.ConnectionAsync(0);
            await fake.Requests.WaitForAsync(r => r.Method == "PUT", "command registration after READY");

            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await host.WaitForShutdownAsync().WaitAsync(Signals<int>.Guard);

            var service = host.Services.GetRequiredService<DiscordHostedService>();
            Assert.That(await connection.ClientClosed.Task.WaitAsync(Signals<int>.Guard), Is.EqualTo(1000), "a clean close ends the session");
            Assert.That((await service.Completion).IsFatal, Is.False);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Host_FatalClose_StopsTheHostWithTheLineNamingTheSetting()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.OnIdentify = (c, _) => c.CloseAsync(4004, "Authentication failed.");
        var directory = Directory.CreateTempSubdirectory("companion-discord-host-");
        try
        {
            using var host = CompanionHost.Build(Settings(fake, directory.FullName), Mode.Discord);
            await host.StartAsync();

            await host.WaitForShutdownAsync().WaitAsync(Signals<int>.Guard);

            var result = await host.Services.GetRequiredService<DiscordHostedService>().Completion;
            Assert.That(result.FatalMessage, Does.Contain("Discord:Token").And.Contain("4004"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void Build_ChatMode_RunsNoDiscordService()
    {
        using var host = CompanionHost.Build(new Dictionary<string, string?> { ["Discord:Token"] = DiscordHarness.Token }, Mode.Chat);

        Assert.That(host.Services.GetServices<IHostedService>().OfType<DiscordHostedService>(), Is.Empty);
    }

    private static Dictionary<string, string?> Settings(FakeDiscord fake, string directory) => new()
    {
        ["Discord:Token"] = DiscordHarness.Token,
        ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        ["Discord:HeartbeatFile"] = Path.Combine(directory, "heartbeat"),
        ["Discord:CommandHashFile"] = Path.Combine(directory, "commands.sha256"),
        ["Discord:SessionFile"] = Path.Combine(directory, "session.json"),
        ["Storage:DatabasePath"] = Path.Combine(directory, "companion.db"),
    };
}
