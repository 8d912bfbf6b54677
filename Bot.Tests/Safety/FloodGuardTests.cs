using CompanionBot.Pipeline;
using CompanionBot.Safety;
using Microsoft.Extensions.Options;

namespace CompanionBot.Tests.Safety;

public sealed class FloodGuardTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static InboundMessage From(string member, DateTimeOffset at, string? guild = null) =>
        new("m", guild is null ? RelationshipKey.Dm(member) : RelationshipKey.InGuild(guild, member), "c", "u", "hi", at);

    [Test]
    public void Check_ServerLimit_AppliesAcrossMembers()
    {
        var guard = new FloodGuard(Options.Create(new FloodOptions { ServerMessages = 3, ServerWindowSeconds = 30 }));
        var verdicts = Enumerable.Range(0, 5).Select(i => guard.Check(From("member" + i, Start.AddSeconds(i), "g1"))).ToList();
        Assert.That(verdicts.Count(v => v == FloodVerdict.Admitted), Is.EqualTo(3));
        Assert.That(guard.Check(From("other", Start.AddSeconds(6), "g2")), Is.EqualTo(FloodVerdict.Admitted), "another server has its own window");
    }

    [Test]
    public void Check_AfterTheWindow_AdmitsAgainAndMayNotifyAgain()
    {
        var guard = new FloodGuard(Options.Create(new FloodOptions { MemberMessages = 2, MemberWindowSeconds = 10 }));
        guard.Check(From("a", Start));
        guard.Check(From("a", Start.AddSeconds(1)));
        Assert.That(guard.Check(From("a", Start.AddSeconds(2))), Is.EqualTo(FloodVerdict.NotifyOnce));
        Assert.That(guard.Check(From("a", Start.AddSeconds(3))), Is.EqualTo(FloodVerdict.Dropped));
        Assert.That(guard.Check(From("a", Start.AddSeconds(20))), Is.EqualTo(FloodVerdict.Admitted));
    }

    [Test]
    public void Check_ManyMembersOverHours_OldWindowsAreForgotten()
    {
        var guard = new FloodGuard(Options.Create(new FloodOptions()));
        for (var i = 0; i < 1000; i++) guard.Check(From("member" + i, Start.AddSeconds(i)));
        guard.Check(From("late", Start.AddHours(3)));
        Assert.That(guard.Tracked, Is.LessThan(10), "memory stays bounded");
    }
}
