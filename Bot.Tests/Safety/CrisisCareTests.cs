using System.Text;
using CompanionBot.Pipeline;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Safety;

public sealed class CrisisCareTests
{
    private static readonly RelationshipKey Member = RelationshipKey.Dm("5150");

    private static void AssertResources(string reply) => Assert.That(reply, Does.Contain("988").And.Contain("text HOME to 741741").And.Contain("findahelpline.com"));

    [Test]
    public async Task Crisis_AnyStanceHistory_ReplyCarriesAllResources()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        await h.SayAsync(Member, "ur useless, shut up");
        var turn = await h.SayAsync(Member, "honestly i want to kms");
        Assert.That(turn!.Decision.Stance, Is.EqualTo(Stance.Support), "R-CRISIS-3: overrides the friction");
        AssertResources(turn.Reply.Text);
    }

    [Test]
    public async Task Crisis_ModelEndpointFailing_ResourcesStillSent()
    {
        using var dir = new TempDirectory();
        var model = new FailingChatModel();
        using var h = new PipelineHarness(dir.File("db"), model);
        var turn = await h.SayAsync(Member, "i don't want to be alive anymore");
        AssertResources(turn!.Reply.Text);
        Assert.That(model.Calls, Is.Zero, "crisis care never waits on a model");
    }

    [Test]
    public async Task Crisis_ModelEndpointHanging_ResourcesSentWithoutWaiting()
    {
        using var dir = new TempDirectory();
        var model = new HangingChatModel();
        using var h = new PipelineHarness(dir.File("db"), model);
        var handling = h.SayAsync(Member, "thinking about ending my life tonight");
        Assert.That(handling.IsCompleted, Is.True, "R-CRISIS-2: completes synchronously, no model await");
        AssertResources((await handling)!.Reply.Text);
    }

    [Test]
    public async Task Crisis_AfterTheFloodLimitIsExhausted_IsStillAnswered()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        for (var i = 0; i < 12; i++) await h.SayAsync(Member, "spam " + i, TimeSpan.FromMilliseconds(100));
        var turn = await h.SayAsync(Member, "i want to die", TimeSpan.FromMilliseconds(100));
        Assert.That(turn, Is.Not.Null, "R-CRISIS-4: never limited or dropped");
        AssertResources(turn!.Reply.Text);
    }

    [Test]
    public async Task Crisis_TextIsNotStored_OnlyAnAnonymousCountGoesUp()
    {
        using var dir = new TempDirectory();
        var path = dir.File("db");
        const string canary = "zebra-quartz-7731";
        using (var h = new PipelineHarness(path))
        {
            await h.SayAsync(Member, "hey, how's your night going?");
            await h.SayAsync(Member, $"i want to kill myself, {canary}");
            Assert.That(h.Counters.Total(CounterNames.SafetyReferral, null, "2026"), Is.EqualTo(1));
            Assert.That(h.History.Recent(Member, 50).Select(t => t.Text), Has.None.Contains(canary));
            h.Database.CheckpointTruncate();
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)), Is.EqualTo(-1), $"R-CRISIS-5: canary found in {Path.GetFileName(file)}");
        }
    }

    [Test]
    public async Task Crisis_CounterRows_HoldNoMemberId()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        await h.SayAsync(Member, "i want to unalive myself");
        var rows = h.Database.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT name || '|' || scope || '|' || period FROM counters;";
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        });
        Assert.That(rows, Is.EquivalentTo(new[] { $"safety.referral|{Member.Scope}|2026-06", $"stance.support|{Member.Scope}|2026-06" }),
            "one referral counted once, under the one naming scheme; no member id in any row");
    }

    [Test]
    public async Task Flood_ManyMessagesInASecond_OneSlowDownNoteThenQuiet()
    {
        using var dir = new TempDirectory();
        using var h = new PipelineHarness(dir.File("db"));
        var replies = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            var turn = await h.SayAsync(Member, "hello? " + i, TimeSpan.FromMilliseconds(50));
            if (turn is not null) replies.Add(turn.Decision.Rule);
        }
        Assert.Multiple(() =>
        {
            Assert.That(replies.Count(r => r != "safety.flood"), Is.EqualTo(5), "R-SEC-6: the member's window");
            Assert.That(replies.Count(r => r == "safety.flood"), Is.EqualTo(1), "one slow-down note per window");
            Assert.That(h.Store.Find(Member)!.Exchanges, Is.EqualTo(5), "dropped messages do not move the ledger");
        });
    }

    [Test]
    public async Task Replay_SameMessageId_HandledOnce()
    {
        using var dir = new TempDirectory();
        var model = new FailingChatModel();
        using var h = new PipelineHarness(dir.File("db"), model);
        var first = await h.SayAsync(Member, "hey there", messageId: "gateway-1");
        var again = await h.SayAsync(Member, "hey there", messageId: "gateway-1");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(again, Is.Null, "R-DB-3: a replayed event gets no second reply");
            Assert.That(model.Calls, Is.EqualTo(1), "and no second model call");
        });
    }
}
