using CompanionBot.Tests.Transport.Discord.Fakes;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>
/// A crash and a restart that resumes the saved session. Gateway doc, "Resuming": after a Resume Discord replays the
/// missed events and sends RESUMED, never READY, so whatever the bot learnt from READY (its user id, its application
/// id) must survive the restart some other way.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordRestartTests
{
    [Test]
    public async Task Restart_ResumedSavedSession_AnswersDmAfterResumed()
    {
        await using var first = await DiscordHarness.StartAsync();
        await first.ReadyAsync();
        await first.KillAsync();

        await using var second = await first.RestartAsync();
        var connection = await second.Fake.ConnectionAsync(1);
        await connection.WaitForOpAsync(6);
        await connection.Frames.WaitForAsync(_ => connection.Session is not null, "RESUMED");
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("510000000000000001", "hi, are you back?"));

        await second.ReplyToAsync("510000000000000001");
        Assert.That(connection.HasSentOp(2), Is.False, "resumed, not identified");
    }

    /// <summary>
    /// The acceptance run: the bot answers a DM, is killed before its next heartbeat ACK (so the saved sequence is older
    /// than what it handled), a second DM arrives while it is down, it restarts on the same session file and database,
    /// resumes, gets both DMs replayed and RESUMED, then a new DM: every DM is answered exactly once.
    /// </summary>
    [Test]
    public async Task Restart_AfterKill_ResumesAndAnswersEveryDmOnce()
    {
        await using var first = await DiscordHarness.StartAsync();
        var before = await first.ReadyAsync();
        await before.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("520000000000000001", "hello there"));
        await first.ReplyToAsync("520000000000000001");
        await first.KillAsync();
        await first.Fake.LatestSession!.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("520000000000000002", "are you still there?"));

        await using var second = await first.RestartAsync();
        var after = await second.Fake.ConnectionAsync(1);
        var resume = await after.WaitForOpAsync(6);
        await second.ReplyToAsync("520000000000000002");
        await after.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("520000000000000003", "good, you're back"));
        await second.ReplyToAsync("520000000000000003");
        await AnswerMarkerAsync(second, after);

        Assert.Multiple(() =>
        {
            Assert.That(after.Path, Is.EqualTo("/gateway-resume"));
            Assert.That((long?)resume["d"]?["seq"], Is.EqualTo(1), "the sequence saved with READY: the answered DM is replayed");
            Assert.That(after.HasSentOp(2), Is.False);
            Assert.That(second.RepliesTo("520000000000000001"), Has.Count.EqualTo(1), "the replayed DM was answered before the kill, not again");
            Assert.That(second.RepliesTo("520000000000000002"), Has.Count.EqualTo(1));
            Assert.That(second.RepliesTo("520000000000000003"), Has.Count.EqualTo(1));
        });
    }

    private static async Task AnswerMarkerAsync(DiscordHarness bot, FakeGatewayConnection gateway)
    {
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("529999999999999999", "ok, last one"));
        await bot.ReplyToAsync("529999999999999999");
    }
}
