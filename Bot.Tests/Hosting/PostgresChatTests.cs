using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>Storage:Provider=postgres through the real program: terminal chat keeps the relationship, /forget ends it.</summary>
public sealed class PostgresChatTests
{
    [Test]
    public async Task Chat_OnPostgres_KeepsTheRelationshipAcrossRunsAndForgetRemovesIt()
    {
        using var server = TestPostgres.Create();
        var config = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = server.ConnectionString,
            ["Conversation:BurstQuietSeconds"] = "0", // one turn per line: this test counts turns across processes
        };
        await ProgramRun.RunAsync("hey I'm jake\nwhat are you listening to?\n", config, "chat");
        var (exit, output, error) = await ProgramRun.RunAsync("back again\n/rapport\n", config, "chat");
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("3 messages from you"), "the second process read the first one's ledger");

        var forget = await ProgramRun.RunAsync("/forget everywhere\n/forget everywhere confirm\n", config, "chat");
        Assert.Multiple(() =>
        {
            Assert.That(forget.Out, Does.Contain("Deleted everything stored about you"));
            Assert.That(server.Scalar("SELECT count(*) FROM relationships"), Is.EqualTo(0L));
            Assert.That(server.Scalar("SELECT count(*) FROM turns"), Is.EqualTo(0L));
            Assert.That(server.Scalar("SELECT count(*) FROM member_keys"), Is.EqualTo(0L));
        });
    }
}
