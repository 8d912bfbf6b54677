using System.Text.Json;
using System.Text.Json.Nodes;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// Gateway doc, "Resuming": a resumed session gets RESUMED, never READY, so a bot restarting on a session file that
/// does not carry its identity (written by an older build) must ask REST who it is (GET /users/@me for the user id
/// that mentions name, GET /applications/@me for the id slash commands are registered under) before it resumes.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordResumeIdentityTests
{
    private static readonly DateTimeOffset ClockStart = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Restart_SavedSessionWithoutIdentity_FetchesUserAndApplicationThenResumes()
    {
        await using var first = await DiscordHarness.StartAsync();
        await first.ReadyAsync();
        var files = first.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        await first.KillAsync();
        ForgetIdentity(files.SessionFile);
        File.Delete(files.CommandHashFile); // so the registration shows which application id the bot learnt

        await using var second = await first.RestartAsync();
        var connection = await second.Fake.ConnectionAsync(1);
        await connection.WaitForOpAsync(6);
        await connection.Attached; // RESUMED, no READY
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("540000000000000001", $"<@{FakeDiscord.BotUserId}> hello again",
            guildId: "200000000000000001", mentions: [new JsonObject { ["id"] = FakeDiscord.BotUserId }]));
        var reply = await second.ReplyToAsync("540000000000000001");
        var registration = await second.Fake.Requests.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal) && r.Status == 200, "command registration", 1);

        var user = second.Fake.Sent("GET", "users/@me");
        var application = second.Fake.Sent("GET", "applications/@me");
        Assert.Multiple(() =>
        {
            Assert.That(user, Has.Count.EqualTo(1));
            Assert.That(application, Has.Count.EqualTo(1));
            Assert.That(user.Concat(application).Select(r => r.Authorization), Has.All.EqualTo("Bot " + DiscordHarness.Token));
            Assert.That(connection.HasSentOp(2), Is.False, "resumed, not identified");
            Assert.That(reply, Is.Not.Null, "the mention was recognised: the user id came from /users/@me");
            Assert.That(registration.Path, Is.EqualTo($"applications/{FakeDiscord.ApplicationId}/commands"), "the application id came from /applications/@me");
        });
    }

    [Test]
    public async Task Start_SavedSessionAndIdentityUnavailable_IdentifiesAfreshInstead()
    {
        await using var bot = await DiscordHarness.StartAsync(
            f => f.Script = r => r.Path == "users/@me" ? FakeDiscordRules.Error(403, 50001, "Missing Access") : null,
            files: WriteSessionWithoutIdentity);

        var connection = await bot.ReadyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(connection.Path, Is.EqualTo("/gateway"), "a new session on the /gateway/bot url");
            Assert.That(connection.HasSentOp(6), Is.False, "a bot that cannot tell mentions apart must not resume into silence");
            Assert.That(bot.Logs.Snapshot(), Has.Some.Contains("identifying afresh instead of resuming"));
        });
    }

    /// <summary>Rewrites the session file as a build that did not save the bot's identity would have left it.</summary>
    private static void ForgetIdentity(string path)
    {
        var saved = JsonSerializer.Deserialize<List<SavedSession>>(File.ReadAllText(path))!;
        Assert.That(saved, Is.Not.Empty, "the killed process left its session");
        File.WriteAllText(path, JsonSerializer.Serialize(saved.Select(s => s with { UserId = null, ApplicationId = null }).ToList()));
    }

    private static void WriteSessionWithoutIdentity(FakeDiscord fake, string directory)
    {
        var resumeUrl = fake.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway-resume";
        var saved = new SavedSession(0, 1, "saved-session", resumeUrl, 7, ClockStart.AddMinutes(-1));
        File.WriteAllText(Path.Combine(directory, "session.json"), JsonSerializer.Serialize(new List<SavedSession> { saved }));
    }
}
