using CompanionBot.Stances;

namespace CompanionBot.Tests.Commands;

public sealed class CompanionCommandTests
{
    [Test]
    public async Task CompanionStats_AfterRecordedDecisions_CountsStancesAndReferralsWithoutContent()
    {
        using var kit = new CommandKit();
        kit.CountReply("guild:g1", new StanceDecision(Stance.Warm, [], "friendly", []));
        kit.CountReply("guild:g1", new StanceDecision(Stance.Warm, [], "friendly", []));
        kit.CountReply("guild:g1", new StanceDecision(Stance.Support, [Directive.CrisisResources], "crisis", []));
        kit.CountReply("guild:g2", new StanceDecision(Stance.Tease, [], "other server", []));
        var reply = await kit.RunAsync(kit.Request("companion", "stats", permissions: CommandKit.ManageGuild));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.Contain("This month (2026-06): 3 replies · deflect 0 · tease 0 · warm 2 · set_boundary 0 · support 1 · safety referrals 1"));
            Assert.That(reply.Text, Does.Contain("All time: 3 replies"));
        });
    }

    [Test]
    public async Task CompanionChannels_AddListRemove_ChangesWhereTheCompanionAnswersWithoutMention()
    {
        using var kit = new CommandKit();
        var channel = new Dictionary<string, string> { ["channel"] = "777" };
        var added = await kit.RunAsync(kit.Request("companion", "channels add", permissions: CommandKit.ManageGuild, options: channel));
        Assert.Multiple(() =>
        {
            Assert.That(added.Text, Is.EqualTo("From now on I answer in <#777> without being mentioned."));
            Assert.That(kit.Channels.AnswersWithoutMention("g1", "777"), Is.True);
            Assert.That(kit.Channels.AnswersWithoutMention("g2", "777"), Is.False, "per server");
            Assert.That(kit.Channels.AnswersWithoutMention("g1", "778"), Is.False);
        });
        var list = await kit.RunAsync(kit.Request("companion", "channels list", permissions: CommandKit.ManageGuild));
        Assert.That(list.Text, Is.EqualTo("I answer without being mentioned in: <#777>."));
        await kit.RunAsync(kit.Request("companion", "channels remove", permissions: CommandKit.ManageGuild, options: channel));
        Assert.That(kit.Channels.AnswersWithoutMention("g1", "777"), Is.False);
    }

    [Test]
    public async Task Handle_UnknownSubcommand_ListsTheValidOnes()
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Request("rapport", "dance"));
        Assert.That(reply.Text, Is.EqualTo("/rapport dance: not a subcommand; use one of: /rapport view, /rapport why, /rapport reset."));
    }
}
