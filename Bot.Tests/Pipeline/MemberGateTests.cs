using CompanionBot.Pipeline;

namespace CompanionBot.Tests.Pipeline;

public sealed class MemberGateTests
{
    [Test]
    public async Task EnterAsync_ManyMembersEachReleased_KeepsNoGateBehind()
    {
        var gate = new MemberGate();

        for (var i = 0; i < 1000; i++)
        {
            using var _ = await gate.EnterAsync(RelationshipKey.Dm($"m{i}"), CancellationToken.None);
        }

        Assert.That(gate.Count, Is.Zero);
    }

    [Test]
    public async Task EnterAsync_SameMemberTwice_SecondWaitsUntilTheFirstIsReleased()
    {
        var gate = new MemberGate();
        var key = RelationshipKey.Dm("m");
        var first = await gate.EnterAsync(key, CancellationToken.None);

        var second = gate.EnterAsync(key, CancellationToken.None);
        Assert.That(second.IsCompleted, Is.False);
        Assert.That(gate.Count, Is.EqualTo(1));

        first.Dispose();
        (await second).Dispose();
        Assert.That(gate.Count, Is.Zero);
    }

    [Test]
    public async Task EnterAsync_WaiterCancelled_GateStillWorksAndIsForgottenAfterwards()
    {
        var gate = new MemberGate();
        var key = RelationshipKey.Dm("m");
        var first = await gate.EnterAsync(key, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiter = gate.EnterAsync(key, cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await waiter, Throws.InstanceOf<OperationCanceledException>());

        first.Dispose();
        Assert.That(gate.Count, Is.Zero);
        (await gate.EnterAsync(key, CancellationToken.None)).Dispose();
        Assert.That(gate.Count, Is.Zero);
    }

    [Test]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var gate = new MemberGate();
        var key = RelationshipKey.Dm("m");
        var first = await gate.EnterAsync(key, CancellationToken.None);
        var second = gate.EnterAsync(key, CancellationToken.None);

        first.Dispose();
        first.Dispose();
        var held = await second;
        var third = gate.EnterAsync(key, CancellationToken.None);

        Assert.That(third.IsCompleted, Is.False);
        held.Dispose();
        (await third).Dispose();
    }
}
