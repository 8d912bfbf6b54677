using System.Text.Json;
using CompanionBot.Commands;
using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Tests.Commands;

public sealed class MemberDataCommandTests
{
    private static readonly RelationshipKey MineHere = RelationshipKey.InGuild("g1", "m1");
    private static readonly RelationshipKey MineElsewhere = RelationshipKey.InGuild("g2", "m1");
    private static readonly RelationshipKey MineInDms = RelationshipKey.Dm("m1");
    private static readonly RelationshipKey OtherHere = RelationshipKey.InGuild("g1", "m2");

    private static void Seed(CommandKit kit)
    {
        kit.Talk(MineHere, "mine-here: my cat is called biscuit", "reply-here");
        kit.Talk(MineElsewhere, "mine-elsewhere: I live in lisbon", "reply-elsewhere");
        kit.Talk(MineInDms, "mine-dm: secret dm text", "reply-dm");
        kit.Talk(OtherHere, "other-here: someone else's words", "reply-other");
    }

    [Test]
    public async Task Export_OtherMembersAndScopesInTheDatabase_FileHoldsOnlyMyDataForThisScope()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var reply = await kit.RunAsync(kit.Request("export"));
        var json = System.Text.Encoding.UTF8.GetString(reply.File!.Bytes);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(reply.File.Name, Is.EqualTo("companionbot-export-server-g1.json"));
            Assert.That(reply.Ephemeral, Is.True);
            Assert.That(root.GetProperty("scope").GetString(), Is.EqualTo("guild:g1"));
            Assert.That(root.GetProperty("member").GetString(), Is.EqualTo("m1"));
            Assert.That(root.GetProperty("relationship").GetProperty("exchanges").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("history").GetArrayLength(), Is.EqualTo(2));
            Assert.That(json, Does.Contain("mine-here: my cat is called biscuit"));
            Assert.That(json, Does.Not.Contain("mine-elsewhere").And.Not.Contain("mine-dm").And.Not.Contain("other-here"));
            Assert.That(json, Does.Not.Contain("m2").And.Not.Contain("guild:g2").And.Not.Contain("\"dm\""));
        });
    }

    [Test]
    public async Task RapportReset_WithoutConfirmation_AsksAndDeletesNothing()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var reply = await kit.RunAsync(kit.Request("rapport", "reset"));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Confirmation, Is.Not.Null);
            Assert.That(reply.Text, Does.Contain("Press the button below"));
            Assert.That(kit.Ledger.Find(MineHere), Is.Not.Null);
        });
    }

    [Test]
    public async Task RapportReset_SecondResetInsideADay_RefusedPolitelyThenWorksAfter24Hours()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var first = await kit.RunAsync(kit.Request("rapport", "reset", confirmed: true));
        Assert.That(first.Text, Is.EqualTo("Done: we're strangers again. Deleted our relationship record, 2 stored messages and 1 message receipt."));
        Assert.That(kit.Ledger.Find(MineHere), Is.Null);

        kit.Time.Advance(TimeSpan.FromHours(3));
        kit.Talk(MineHere, "picking a fight", "hm");
        var second = await kit.RunAsync(kit.Request("rapport", "reset", confirmed: true));
        Assert.Multiple(() =>
        {
            Assert.That(second.Text, Does.StartWith("We already started over 3 hours ago. A reset works once a day"));
            Assert.That(second.Text, Does.Contain("you can reset again in about 21 hours"));
            Assert.That(kit.Ledger.Find(MineHere), Is.Not.Null, "the refused reset deleted nothing");
        });

        kit.Time.Advance(TimeSpan.FromHours(21));
        var third = await kit.RunAsync(kit.Request("rapport", "reset", confirmed: true));
        Assert.Multiple(() =>
        {
            Assert.That(third.Text, Does.StartWith("Done: we're strangers again."));
            Assert.That(kit.Ledger.Find(MineHere), Is.Null);
            Assert.That(kit.Ledger.Find(MineElsewhere), Is.Not.Null, "a reset is for one relationship");
        });
    }

    [Test]
    public async Task Forget_EverywhereConfirmedThroughTheToken_DeletesEveryRowKeyedToMeForReal()
    {
        using var kit = new CommandKit();
        Seed(kit);
        await kit.RunAsync(kit.Request("rapport", "reset", confirmed: true));
        kit.Talk(MineHere, "again", "hi again");
        var ask = await kit.RunAsync(kit.Request("forget", options: new Dictionary<string, string> { ["scope"] = "everywhere" }));
        Assert.That(ask.Confirmation, Is.Not.Null);
        Assert.That(kit.Rows("relationships", "m1"), Is.EqualTo(3), "asking deletes nothing");

        var confirmed = CommandConfirmationToken.ToRequest(ask.Confirmation!.Token, kit.Request("forget"))!;
        var done = await kit.RunAsync(confirmed);
        Assert.Multiple(() =>
        {
            Assert.That(done.Text, Does.StartWith("Deleted everything stored about you everywhere"));
            Assert.That(done.Text, Does.Contain("checkpointed and truncated"));
            foreach (var table in SqliteLedgerStore.MemberTables) Assert.That(kit.Rows(table, "m1"), Is.Zero, table);
            Assert.That(kit.Rows("relationships", "m2"), Is.EqualTo(1), "other members keep their data");
            Assert.That(new FileInfo(kit.DatabasePath + "-wal").Length, Is.Zero, "the WAL was truncated");
            Assert.That(File.ReadAllText(kit.DatabasePath), Does.Not.Contain("biscuit").And.Not.Contain("lisbon"));
        });
    }

    [Test]
    public async Task Forget_WhileAMessageOfMineIsInFlight_WaitsForItThenDeletesWhatItSaved()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var inFlight = await kit.Gate.EnterAsync(MineHere.MemberId, CancellationToken.None);
        var forget = kit.RunAsync(kit.Request("forget", confirmed: true));
        Assert.That(forget.IsCompleted, Is.False, "forget waits for the message being handled");
        kit.Talk(MineHere, "saved while forget waited", "reply");
        inFlight.Dispose();
        await forget;
        Assert.Multiple(() =>
        {
            Assert.That(kit.Ledger.Find(MineHere), Is.Null);
            Assert.That(kit.History.Recent(MineHere, 10), Is.Empty);
        });
    }

    [Test]
    public async Task Forget_Here_DeletesThisScopeOnly()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var done = await kit.RunAsync(kit.Request("forget", confirmed: true));
        Assert.Multiple(() =>
        {
            Assert.That(done.Text, Does.StartWith("Deleted everything stored about you on this server"));
            Assert.That(kit.Ledger.Find(MineHere), Is.Null);
            Assert.That(kit.History.Recent(MineHere, 10), Is.Empty);
            Assert.That(kit.Ledger.Find(MineElsewhere), Is.Not.Null);
            Assert.That(kit.Ledger.Find(MineInDms), Is.Not.Null);
        });
    }

    [Test]
    public async Task RapportView_Numbers_AddsTheLedgerNumbers()
    {
        using var kit = new CommandKit();
        Seed(kit);
        var words = await kit.RunAsync(kit.Request("rapport", "view"));
        var numbers = await kit.RunAsync(kit.Request("rapport", "view", options: new Dictionary<string, string> { ["numbers"] = "true" }));
        Assert.Multiple(() =>
        {
            Assert.That(words.Text, Does.StartWith("We're still strangers.").And.Not.Contain("warmth 0."));
            Assert.That(numbers.Text, Does.Contain("stage stranger · familiarity"));
        });
    }
}
