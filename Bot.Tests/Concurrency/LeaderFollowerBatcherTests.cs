using CompanionBot.Concurrency;

namespace CompanionBot.Tests.Concurrency;

/// <summary>The one leader/follower batcher behind the group commit and the batching encoder, on a held piece of work.</summary>
public sealed class LeaderFollowerBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task RunAsync_LoneCaller_RunsAtOnceOnItsOwn()
    {
        var runs = new List<int[]>();
        var batcher = new LeaderFollowerBatcher<int, int>(batch =>
        {
            runs.Add([.. batch]);
            return [.. batch.Select(x => Completion<int>.Of(x * 10))];
        });

        var result = batcher.RunAsync(4);

        Assert.That(result.IsCompleted, Is.True, "a lone caller never waits");
        Assert.That(await result, Is.EqualTo(40));
        Assert.That(runs, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_CallersArriveDuringARun_AwaitWithoutAThreadAndShareTheNextRunInOrder()
    {
        using var entered = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var runs = new List<int[]>();
        var batcher = new LeaderFollowerBatcher<int, int>(batch =>
        {
            lock (runs) runs.Add([.. batch]);
            entered.Set();
            if (batch[0] == 0) release.Wait(Patience);
            return [.. batch.Select(x => Completion<int>.Of(x * 10))];
        });
        var leader = Task.Run(async () => await batcher.RunAsync(0));
        Assert.That(entered.Wait(Patience), Is.True);

        var followers = Enumerable.Range(1, 50).Select(i => batcher.RunAsync(i).AsTask()).ToList();

        Assert.That(followers.Any(f => f.IsCompleted), Is.False, "each call came straight back pending on this thread");
        Assert.That(batcher.Waiting, Is.EqualTo(50));
        release.Set();
        Assert.That(await Task.WhenAll(followers), Is.EqualTo(Enumerable.Range(1, 50).Select(i => i * 10)));
        Assert.That(await leader, Is.Zero);
        Assert.That(runs.Select(r => r.Length), Is.EqualTo(new[] { 1, 50 }), "the waiting callers shared one run, oldest first");
        Assert.That(runs[1], Is.Ordered);
        Assert.That((batcher.Waiting, batcher.Running), Is.EqualTo((0, false)));
    }

    [Test]
    public async Task RunAsync_WeightCap_NextRunTakesOnlyWhatFits()
    {
        using var release = new ManualResetEventSlim(false);
        var runs = new List<int[]>();
        var batcher = new LeaderFollowerBatcher<int, int>(batch =>
        {
            lock (runs) runs.Add([.. batch]);
            if (batch[0] == 0) release.Wait(Patience);
            return [.. batch.Select(Completion<int>.Of)];
        }, maxWeight: 5, weight: x => x);
        var leader = Task.Run(async () => await batcher.RunAsync(0));
        Assert.That(SpinWait.SpinUntil(() => batcher.Running, Patience), Is.True);

        var followers = new[] { 2, 3, 4, 9 }.Select(x => batcher.RunAsync(x).AsTask()).ToList();
        release.Set();
        await Task.WhenAll([leader, .. followers]);

        Assert.That(runs.Skip(1).Select(r => r.ToArray()), Is.EqualTo(new[] { new[] { 2, 3 }, [4], [9] }), "a request heavier than the cap runs alone");
    }

    [Test]
    public async Task RunAsync_WorkFailsOneRequest_OnlyThatCallerSeesTheFailure()
    {
        var batcher = new LeaderFollowerBatcher<int, int>(batch =>
            [.. batch.Select(x => x == 2 ? Completion<int>.Failed(new InvalidOperationException("bad " + x)) : Completion<int>.Of(x))]);

        Assert.That(await batcher.RunAsync(1), Is.EqualTo(1));
        Assert.That(async () => await batcher.RunAsync(2), Throws.InvalidOperationException.With.Message.EqualTo("bad 2"));
        Assert.That(await batcher.RunAsync(3), Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_WorkThrows_EveryCallerOfThatRunFailsAndTheNextCallerIsServed()
    {
        using var release = new ManualResetEventSlim(false);
        var calls = 0;
        var batcher = new LeaderFollowerBatcher<int, int>(batch =>
        {
            var call = Interlocked.Increment(ref calls);
            if (call == 1) release.Wait(Patience);
            if (call == 2) throw new TimeoutException("model down");
            return [.. batch.Select(Completion<int>.Of)];
        });
        var leader = Task.Run(async () => await batcher.RunAsync(0));
        Assert.That(SpinWait.SpinUntil(() => batcher.Running, Patience), Is.True);
        var second = batcher.RunAsync(1).AsTask();
        var third = batcher.RunAsync(2).AsTask();
        release.Set();

        Assert.That(await leader, Is.Zero);
        Assert.That(async () => await second, Throws.TypeOf<TimeoutException>());
        Assert.That(async () => await third, Throws.TypeOf<TimeoutException>());
        Assert.That(await batcher.RunAsync(5), Is.EqualTo(5));
    }
}
