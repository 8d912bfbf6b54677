using CompanionBot.Appraisal.Semantic;
using CompanionBot.Bench;
using CompanionBot.Pipeline;
using CompanionBot.Stances;
using CompanionBot.Storage;
using CompanionBot.Tests.Safety;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Pipeline;

/// <summary>Messages typed in quick succession become one turn, on the injected clock: no sleeps.</summary>
public sealed class BurstTests
{
    private static readonly RelationshipKey Member = RelationshipKey.Dm("burst-member");
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private static (PipelineHarness Harness, ManualTimeProvider Time, TempDirectory Dir) Start(int max = 12, ITextEncoder? encoder = null)
    {
        var dir = new TempDirectory();
        var time = new ManualTimeProvider();
        var bursts = new Bursts(Options.Create(new ConversationOptions { BurstQuietSeconds = Quiet.TotalSeconds, BurstMaxMessages = max }), time);
        return (new PipelineHarness(dir.File("db"), bursts: bursts, encoder: encoder), time, dir);
    }

    [Test]
    public async Task HandleAsync_MessageAnsweredAlone_EncoderReadsItOnce()
    {
        var counted = new CountingTextEncoder(Semantic.Encoder);
        var (h, time, dir) = Start(encoder: counted);
        using var _ = dir;
        using var __ = h;

        var answer = h.SendAsync(Member, "so today was weird, my boss called me in");
        time.Advance(Quiet);

        Assert.That(await answer, Is.InstanceOf<TurnOutcome.Replied>());
        Assert.That((counted.Calls, counted.Texts), Is.EqualTo((1L, 1L)), "the screen's reading is handed on to the turn");
    }

    [Test]
    public async Task HandleAsync_TwoLinesGathered_EachScreenedOnceAndTheTurnReadsTheirText()
    {
        var counted = new CountingTextEncoder(Semantic.Encoder);
        var (h, time, dir) = Start(encoder: counted);
        using var _ = dir;
        using var __ = h;

        var first = h.SendAsync(Member, "so today was weird", TimeSpan.FromSeconds(1));
        var second = h.SendAsync(Member, "my boss called me in", TimeSpan.FromSeconds(1));
        time.Advance(Quiet);
        await Task.WhenAll(first, second);

        Assert.That(counted.Texts, Is.EqualTo(3), "one reading per line on arrival, one of the burst as the turn's text");
    }

    [Test]
    public async Task HandleAsync_ThreeQuickMessages_OneReplyAfterTheQuietGapAndEveryLineStored()
    {
        var (h, time, dir) = Start();
        using var _ = dir;
        using var __ = h;
        var first = h.SendAsync(Member, "so today was weird", TimeSpan.FromSeconds(1));
        var second = h.SendAsync(Member, "my boss called me in", TimeSpan.FromSeconds(1));
        var third = h.SendAsync(Member, "and then promoted me??", TimeSpan.FromSeconds(1));

        Assert.That(await first, Is.InstanceOf<TurnOutcome.Gathered>());
        Assert.That(await second, Is.InstanceOf<TurnOutcome.Gathered>());
        time.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.That(third.IsCompleted, Is.False, "still inside the quiet gap");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var answer = await third;

        Assert.That(answer, Is.InstanceOf<TurnOutcome.Replied>());
        Assert.Multiple(() =>
        {
            Assert.That(h.Store.Find(Member)!.Exchanges, Is.EqualTo(1), "one turn");
            var stored = string.Join("\n", h.History.Recent(Member, 10).Select(t => t.Text));
            Assert.That(stored, Does.Contain("so today was weird").And.Contain("my boss called me in").And.Contain("promoted me??"));
            Assert.That(new[] { "m1", "m2", "m3" }.All(h.Store.WasProcessed), Is.True, "a replay of any line stays quiet");
        });
    }

    [Test]
    public async Task HandleAsync_CrisisMessageDuringABurst_AnsweredAtOnceWithTheEarlierLines()
    {
        var (h, _, dir) = Start();
        using var __ = dir;
        using var ___ = h;
        var first = h.SendAsync(Member, "can't sleep again", TimeSpan.FromSeconds(1));
        var crisis = h.SendAsync(Member, "honestly i want to kill myself", TimeSpan.FromSeconds(1));

        Assert.That(crisis.IsCompleted, Is.True, "never held back for the quiet gap (the clock did not move)");
        var answer = (TurnOutcome.Replied)await crisis;
        Assert.That(await first, Is.InstanceOf<TurnOutcome.Gathered>());
        Assert.That(answer.Turn.Decision.Stance, Is.EqualTo(Stance.Support));
        Assert.That(answer.Turn.Reply.Text, Does.Contain("988"));
    }

    [Test]
    public async Task HandleAsync_SpamFlood_OneNoticeThenQuietAndEveryDroppedMessageCounted()
    {
        var (h, time, dir) = Start(max: 4);
        using var _ = dir;
        using var __ = h;
        var sent = Enumerable.Range(0, 40).Select(i => h.SendAsync(Member, "spam " + i, TimeSpan.FromMilliseconds(20))).ToList();
        time.Advance(Quiet);
        var outcomes = await Task.WhenAll(sent);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.OfType<TurnOutcome.Replied>().Count(), Is.EqualTo(5), "flood limits count turns (5 per window)");
            Assert.That(outcomes.OfType<TurnOutcome.Throttled>().Count(), Is.EqualTo(1), "one notice");
            Assert.That(outcomes.OfType<TurnOutcome.Dropped>().Count(), Is.EqualTo(4), "then quiet");
            Assert.That(h.Counters.Total(CounterNames.FloodDropped, Member.Scope, "2026-06"), Is.EqualTo(16), "four turns of four messages, counted");
            Assert.That(outcomes.OfType<TurnOutcome.Gathered>().Count(), Is.EqualTo(30));
        });
    }

    [Test]
    public async Task HandleAsync_ReplayOfAGatheredLine_IsADuplicate()
    {
        var (h, time, dir) = Start();
        using var _ = dir;
        using var __ = h;
        var first = h.SendAsync(Member, "hey", messageId: "gw-1");
        var second = h.SendAsync(Member, "you there?", messageId: "gw-2");
        time.Advance(Quiet);
        await Task.WhenAll(first, second);

        Assert.That(await h.SendAsync(Member, "hey", messageId: "gw-1"), Is.InstanceOf<TurnOutcome.Duplicate>());
    }
}
