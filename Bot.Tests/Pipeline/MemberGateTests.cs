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
            using var _ = await gate.EnterAsync($"m{i}", CancellationToken.None);
        }

        Assert.That(gate.Count, Is.Zero);
    }

    [Test]
    public async Task EnterAsync_SameMemberTwice_SecondWaitsUntilTheFirstIsReleased()
    {
        var gate = new MemberGate();
        var key = "m";
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
        var key = "m";
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
    public async Task EnterAsync_SameMemberInTwoServers_SharesOneGate()
    {
        var gate = new MemberGate();
        var inGuild = await gate.EnterAsync(RelationshipKey.InGuild("1", "m").MemberId, CancellationToken.None);
        var inDm = gate.EnterAsync(RelationshipKey.Dm("m").MemberId, CancellationToken.None);
        Assert.That(inDm.IsCompleted, Is.False, "one model request in flight per member, across scopes");
        inGuild.Dispose();
        (await inDm).Dispose();
    }

    [Test]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var gate = new MemberGate();
        var key = "m";
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
