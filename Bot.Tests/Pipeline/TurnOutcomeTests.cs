using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Tests.Safety;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Pipeline;

/// <summary>Every message gets one closed outcome, and the log says which, under a stable event id.</summary>
public sealed class TurnOutcomeTests
{
    private static readonly RelationshipKey Member = RelationshipKey.Dm("outcome-member");

    [Test]
    public async Task HandleAsync_FloodDroppedMessage_IsLoggedAsDroppedNotAsHandled()
    {
        using var dir = new TempDirectory();
        var log = new ListLogger<ConversationPipeline>();
        using var h = new PipelineHarness(dir.File("db"), logger: log);
        for (var i = 0; i < 7; i++) await h.SendAsync(Member, "hi " + i, TimeSpan.FromMilliseconds(50));

        var ids = log.Lines.Select(l => l.Id.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids.Count(id => id == 1101), Is.EqualTo(5), "answered");
            Assert.That(ids.Count(id => id == 1103), Is.EqualTo(1), "the one notice");
            Assert.That(ids.Count(id => id == 1104), Is.EqualTo(1), "dropped");
            Assert.That(log.Lines.Single(l => l.Id.Id == 1104).Text, Does.Contain("dropped as flood").And.Contain("m7"));
            Assert.That(ids, Has.None.EqualTo(1102), "nothing was a duplicate");
        });
    }

    [Test]
    public async Task HandleAsync_ReplayedMessageId_IsADuplicateAndLoggedAsOne()
    {
        using var dir = new TempDirectory();
        var log = new ListLogger<ConversationPipeline>();
        using var h = new PipelineHarness(dir.File("db"), logger: log);
        await h.SendAsync(Member, "hello", messageId: "gw-42");
        var again = await h.SendAsync(Member, "hello", messageId: "gw-42");

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.InstanceOf<TurnOutcome.Duplicate>());
            Assert.That(again.Outbound, Is.Null, "nothing to send");
            Assert.That(log.Lines.Last().Id.Id, Is.EqualTo(1102));
            Assert.That(log.Lines.Last().Text, Does.Contain("gw-42").And.Contain("duplicate"));
        });
    }

    [Test]
    public async Task HandleAsync_Throttled_CarriesOnlyTheNoticeAndMovesNoLedger()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        TurnOutcome last = null!;
        for (var i = 0; i < 6; i++) last = await h.SendAsync(Member, "yo " + i, TimeSpan.FromMilliseconds(10));

        Assert.That(last, Is.InstanceOf<TurnOutcome.Throttled>());
        Assert.That(last.Outbound!.Text, Is.EqualTo(SafetyGate.SlowDown));
        Assert.That(h.Store.Find(Member)!.Exchanges, Is.EqualTo(5));
        Assert.That(h.Counters.Total(CounterNames.FloodDropped, Member.Scope, "2026-06"), Is.Zero, "a notice is not a drop");
    }
}
