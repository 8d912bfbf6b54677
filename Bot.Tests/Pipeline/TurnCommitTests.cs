using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Safety;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Pipeline;

public sealed class TurnCommitTests
{
    private static long Transactions(SqliteDatabase db) => db.Read(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM processed_messages;";
        return (long)cmd.ExecuteScalar()!;
    });

    [Test]
    public async Task Handle_OneMessage_StateMarkAndHistoryLandTogether()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        var key = RelationshipKey.InGuild("77", "5");
        var walBefore = new FileInfo(dir.File("db") + "-wal").Length;
        await h.SayAsync(key, "hey, what are you listening to?");
        Assert.Multiple(() =>
        {
            Assert.That(h.Store.Find(key), Is.Not.Null);
            Assert.That(Transactions(h.Database), Is.EqualTo(1));
            Assert.That(h.History.Recent(key, 10).Select(t => t.Text), Does.Contain("hey, what are you listening to?"));
            Assert.That(new FileInfo(dir.File("db") + "-wal").Length, Is.GreaterThan(walBefore));
        });
    }

    [Test]
    public async Task Handle_ModelCallCancelled_NothingIsSavedSoAReplayAnswersIt()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"), new HangingChatModel());
        using var cancel = new CancellationTokenSource();
        var key = RelationshipKey.Dm("6");
        var message = new InboundMessage("gw-1", key, "c", "u", "hello?", h.Now);
        var handling = h.Pipeline.HandleAsync(message, cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await handling, Throws.InstanceOf<OperationCanceledException>());
        Assert.Multiple(() =>
        {
            Assert.That(h.Store.WasProcessed("gw-1"), Is.False, "not acknowledged, so a replayed event is answered");
            Assert.That(h.Store.Find(key), Is.Null, "and the ledger did not move without a reply");
        });
    }
}
