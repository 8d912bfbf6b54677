using System.Text;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Storage.Contract;

/// <summary>
/// What every storage provider promises, written once: the same tests run on SQLite and on PostgreSQL through the
/// same interfaces (<see cref="SqliteStoreContractTests"/>, <see cref="PostgresStoreContractTests"/>).
/// </summary>
public abstract class StoreContract
{
    internal static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    internal static readonly RelationshipKey Guild = RelationshipKey.InGuild("42", "1001");
    internal static readonly RelationshipKey Dm = RelationshipKey.Dm("1001");

    /// <summary>A fresh, empty database with every store over it.</summary>
    protected abstract StoreSet Open();

    internal static RelationshipState State(RelationshipKey key, int exchanges = 1) =>
        RelationshipState.New(key, Now, new LedgerBaseline(0.1, 0.1)) with
        {
            Exchanges = exchanges, Warmth = 0.42, Stage = Stage.Acquaintance,
            Moments = [new NotableMoment(Now, "follow_through", "remembered my sister's exam", true)],
        };

    internal static TurnRecord Turn(RelationshipKey key, string id, int exchanges, string? text = null) =>
        new(State(key, exchanges), id)
        {
            History = text is null ? null : new HistoryEntry(text, "reply to " + text, Now.AddMinutes(exchanges), 4),
            Counters = [new CounterIncrement(CounterNames.StancePrefix + "warm", key.Scope, "2026-06")],
        };

    [Test]
    public void Find_Unknown_ReturnsNull()
    {
        using var s = Open();
        Assert.That(s.Ledger.Find(Guild), Is.Null);
    }

    [Test]
    public void Save_ThenFind_RoundTripsTheState()
    {
        using var s = Open();
        Assert.That(s.Ledger.Save(Turn(Guild, "m1", 3)), Is.True);
        var found = s.Ledger.Find(Guild);
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Not.Null);
            Assert.That(found!.Key, Is.EqualTo(Guild));
            Assert.That(found.Exchanges, Is.EqualTo(3));
            Assert.That(found.Warmth, Is.EqualTo(0.42));
            Assert.That(found.Moments.Single().Description, Is.EqualTo("remembered my sister's exam"));
            Assert.That(s.Ledger.WasProcessed("m1"), Is.True);
            Assert.That(s.Ledger.WasProcessed("m2"), Is.False);
            Assert.That(s.Ledger.Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Save_SameMessageIdTwice_SecondWritesNothing()
    {
        using var s = Open();
        s.Ledger.Save(Turn(Guild, "m1", 1, "first"));
        var again = s.Ledger.Save(Turn(Guild, "m1", 2, "second"));
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.False, "a handled id is refused by the unique claim");
            Assert.That(s.Ledger.Find(Guild)!.Exchanges, Is.EqualTo(1), "the state was not overwritten");
            Assert.That(s.History.Recent(Guild, 10).Select(t => t.Text), Has.None.Contains("second"));
            Assert.That(s.Counters.Total(CounterNames.StancePrefix + "warm", Guild.Scope, "2026"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Save_BurstWithGatheredIds_MarksEveryLineHandled()
    {
        using var s = Open();
        Assert.That(s.Ledger.Save(Turn(Guild, "b3", 1) with { GatheredIds = ["b1", "b2"] }), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { "b1", "b2", "b3" }.Select(s.Ledger.WasProcessed), Is.All.True, "a replay of any line of the burst is a duplicate");
            Assert.That(s.Ledger.Load(Guild, "b1", 0).AlreadyHandled, Is.True);
            Assert.That(s.Ledger.Save(Turn(Guild, "b4", 2) with { GatheredIds = ["b2"] }), Is.True, "an earlier line marked again is no conflict");
            Assert.That(s.Ledger.Find(Guild)!.Exchanges, Is.EqualTo(2));
        });
    }

    [Test]
    public void Save_WithHistory_KeepsTheNewestTurnsOldestFirst()
    {
        using var s = Open();
        for (var i = 1; i <= 3; i++) s.Ledger.Save(Turn(Guild, "m" + i, i, "hello " + i));
        var recent = s.History.Recent(Guild, 10);
        Assert.That(recent.Select(t => t.Text), Is.EqualTo(new[] { "hello 2", "reply to hello 2", "hello 3", "reply to hello 3" }),
            "4 kept: the oldest exchange was trimmed in the same transaction");
        Assert.That(s.History.Recent(Dm, 10), Is.Empty);
    }

    [Test]
    public void Counters_OneNamingScheme_ReadPerScopeAndTotalPerYear()
    {
        using var s = Open();
        s.Ledger.Save(Turn(Guild, "m1", 1) with { Counters = [new(CounterNames.SafetyReferral, Guild.Scope, "2026-06")] });
        s.Ledger.Save(Turn(Dm, "m2", 1) with { Counters = [new(CounterNames.SafetyReferral, Dm.Scope, "2026-07")] });
        Assert.Multiple(() =>
        {
            Assert.That(s.Counters.Read(Guild.Scope), Is.EqualTo(new[] { new CounterValue(CounterNames.SafetyReferral, "2026-06", 1) }));
            Assert.That(s.Counters.Total(CounterNames.SafetyReferral, null, "2026"), Is.EqualTo(2), "a year's referrals across every scope");
            Assert.That(s.Counters.Total(CounterNames.SafetyReferral, Dm.Scope, "2026-06"), Is.EqualTo(0));
        });
    }

    [Test]
    public void Delete_OneScope_LeavesTheOtherScope()
    {
        using var s = Open();
        s.Ledger.Save(Turn(Guild, "m1", 1, "guild text"));
        s.Ledger.Save(Turn(Dm, "m2", 1, "dm text"));
        s.Ledger.Delete(Guild);
        Assert.Multiple(() =>
        {
            Assert.That(s.Ledger.Find(Guild), Is.Null);
            Assert.That(s.History.Recent(Guild, 10), Is.Empty);
            Assert.That(s.Ledger.WasProcessed("m1"), Is.False);
            Assert.That(s.Ledger.Find(Dm), Is.Not.Null);
            Assert.That(s.History.Recent(Dm, 10).Select(t => t.Text), Does.Contain("dm text"));
        });
    }

    [Test]
    public void DeleteMember_Everywhere_LeavesNoRowAboutThem()
    {
        using var s = Open();
        s.Ledger.Save(Turn(Guild, "m1", 1, "guild text"));
        s.Ledger.Save(Turn(Dm, "m2", 1, "dm text"));
        s.MemberData.RecordReset(Guild, Now);
        Assert.That(s.MemberData.Scopes("1001"), Is.EquivalentTo(new[] { Guild.Scope, Dm.Scope }));
        Assert.That(s.Ledger.DeleteMember("1001"), Is.GreaterThanOrEqualTo(7));
        Assert.Multiple(() =>
        {
            Assert.That(s.MemberData.Counts("1001", null).Values, Is.All.EqualTo(0));
            Assert.That(s.MemberData.Scopes("1001"), Is.Empty);
            Assert.That(s.Ledger.Count(), Is.EqualTo(0));
            Assert.That(s.Counters.Total(CounterNames.StancePrefix + "warm", null, "2026"), Is.EqualTo(2), "anonymous counters stay");
        });
    }

    [Test]
    public void MemberData_ExportAndResets_RoundTrip()
    {
        using var s = Open();
        s.Ledger.Save(Turn(Guild, "m1", 1, "my sister's exam is friday"));
        s.MemberData.RecordReset(Guild, Now.AddHours(1));
        var export = Encoding.UTF8.GetString(s.MemberData.Export(Guild, Now.AddHours(2)));
        Assert.Multiple(() =>
        {
            Assert.That(s.MemberData.LastReset(Guild), Is.EqualTo(Now.AddHours(1)));
            Assert.That(s.MemberData.LastReset(Dm), Is.Null);
            Assert.That(s.MemberData.Counts("1001", Guild.Scope)["turns"], Is.EqualTo(2));
            Assert.That(export, Does.Contain("my sister's exam is friday"));
            Assert.That(export, Does.Contain("\"message_id\": \"m1\""));
            Assert.That(export, Does.Contain("\"warmth\": 0.42"));
        });
    }

    [Test]
    public void Channels_AddListRemove()
    {
        using var s = Open();
        Assert.Multiple(() =>
        {
            Assert.That(s.Channels.Add("g", "9", "mod", Now), Is.True);
            Assert.That(s.Channels.Add("g", "9", "mod", Now), Is.False);
            Assert.That(s.Channels.AnswersWithoutMention("g", "9"), Is.True);
            Assert.That(s.Channels.List("g"), Is.EqualTo(new[] { "9" }));
            Assert.That(s.Channels.Remove("g", "9"), Is.True);
            Assert.That(s.Channels.AnswersWithoutMention("g", "9"), Is.False);
        });
    }

    [Test]
    public void Personas_AppendNumbersVersionsAndKeepsEveryText()
    {
        using var s = Open();
        Assert.That(s.Personas.CurrentVersion("guild:1"), Is.Zero);
        var first = s.Personas.Append("guild:1", "name: A", "mod", Now, "set");
        var second = s.Personas.Append("guild:1", "name: B", "mod", Now.AddMinutes(1), "set");
        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((1, 2)));
            Assert.That(s.Personas.Current("guild:1")!.Yaml, Is.EqualTo("name: B"));
            Assert.That(s.Personas.Find("guild:1", 1)!.ChangedAt, Is.EqualTo(Now));
            Assert.That(s.Personas.History("guild:1").Select(v => v.Version), Is.EqualTo(new[] { 2, 1 }));
            Assert.That(s.Personas.CurrentVersion("guild:2"), Is.Zero);
        });
    }
}
