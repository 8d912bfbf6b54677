using System.Text.Json;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>A crash followed by a quick restart resumes the saved session instead of spending a session start.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordSessionFileTests
{
    private static readonly DateTimeOffset ClockStart = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Start_RecentSavedSession_ResumesOnSavedUrlWithoutIdentify()
    {
        await using var bot = await DiscordHarness.StartAsync(files: (fake, directory) => WriteSession(directory,
            new SavedSession(0, 1, "saved-session", fake.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway-resume", 42, ClockStart.AddMinutes(-1))));

        var connection = await bot.Fake.ConnectionAsync(0);
        var resume = (await connection.WaitForOpAsync(6))["d"]!;

        Assert.Multiple(() =>
        {
            Assert.That(connection.Path, Is.EqualTo("/gateway-resume"));
            Assert.That((string?)resume["session_id"], Is.EqualTo("saved-session"));
            Assert.That((long?)resume["seq"], Is.EqualTo(42));
            Assert.That(connection.HasSentOp(2), Is.False);
            Assert.That(bot.Fake.Sent("GET", "users/@me"), Has.Count.EqualTo(1), "a session saved without the bot's identity: asked REST who it is");
        });
    }

    [Test]
    public async Task Start_StaleSavedSession_Identifies()
    {
        await using var bot = await DiscordHarness.StartAsync(files: (fake, directory) => WriteSession(directory,
            new SavedSession(0, 1, "old-session", "ws://127.0.0.1:1/gateway-resume", 42, ClockStart - SessionFile.MaxAge - TimeSpan.FromSeconds(1))));

        var connection = await bot.ReadyAsync();

        Assert.That(connection.Path, Is.EqualTo("/gateway"));
        Assert.That(connection.HasSentOp(6), Is.False);
    }

    [Test]
    public async Task SessionFile_AfterReady_SavedThenForgottenOnCleanStop()
    {
        await using var bot = await DiscordHarness.StartAsync();
        await bot.ReadyAsync();
        var path = bot.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.SessionFile;
        var saved = JsonSerializer.Deserialize<List<SavedSession>>(await File.ReadAllTextAsync(path))!;

        await bot.StopAsync();
        var afterStop = JsonSerializer.Deserialize<List<SavedSession>>(await File.ReadAllTextAsync(path))!;

        Assert.That(saved.Single().SessionId, Is.EqualTo(FakeDiscord.SessionId));
        Assert.That(afterStop, Is.Empty, "a 1000 close ends the session: nothing to resume");
    }

    private static void WriteSession(string directory, SavedSession session) =>
        File.WriteAllText(Path.Combine(directory, "session.json"), JsonSerializer.Serialize(new List<SavedSession> { session }));
}
