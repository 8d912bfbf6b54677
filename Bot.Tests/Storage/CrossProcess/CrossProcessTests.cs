using CompanionBot.Pipeline;
using CompanionBot.Storage.Postgres;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Storage.CrossProcess;

/// <summary>What holds when two bot processes share one PostgreSQL database (issue 15, item 2).</summary>
public sealed class CrossProcessTests
{
    private static readonly RelationshipKey Member = RelationshipKey.InGuild("77", "2002");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task HandleAsync_SameMessageIdInTwoProcessesWithoutLeases_TheUniqueClaimLetsOneWrite()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        using var a = new PostgresProcess(server, model, leases: false);
        using var b = new PostgresProcess(server, model, leases: false);
        // Both read "not handled" before either writes: only the claim inside the save can tell them apart.
        var first = a.SayAsync(Member, "m-1", "hey, how was your day?", Now);
        var second = b.SayAsync(Member, "m-1", "hey, how was your day?", Now);
        model.Open();
        var results = await Task.WhenAll(first, second);
        Assert.Multiple(() =>
        {
            Assert.That(model.Calls, Is.EqualTo(2), "both processes got as far as the model");
            Assert.That(results.Count(r => r is not null), Is.EqualTo(1), "one reply is sent");
            Assert.That(a.Stores.Ledger.Find(Member)!.Exchanges, Is.EqualTo(1), "the message moved the ledger once");
            Assert.That(server.Scalar("SELECT count(*) FROM processed_messages"), Is.EqualTo(1L));
            Assert.That(server.Scalar("SELECT count(*) FROM turns"), Is.EqualTo(2L), "one exchange in the history");
        });
    }

    [Test]
    public async Task HandleAsync_SameMessageIdInTwoProcesses_OneModelRequestOneReply()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        using var a = new PostgresProcess(server, model);
        using var b = new PostgresProcess(server, model);
        var first = a.SayAsync(Member, "m-1", "hey, how was your day?", Now);
        await model.FirstCall;
        var second = b.SayAsync(Member, "m-1", "hey, how was your day?", Now);
        await WaitForLockWaiters(server, 1);
        model.Open();
        var results = await Task.WhenAll(first, second);
        Assert.Multiple(() =>
        {
            Assert.That(model.Calls, Is.EqualTo(1), "the second process waited, then saw the id handled");
            Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
            Assert.That(a.Stores.Ledger.Find(Member)!.Exchanges, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HandleAsync_OneMemberInTwoProcesses_TurnsQueueAndNeitherOverwrites()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        using var a = new PostgresProcess(server, model);
        using var b = new PostgresProcess(server, model);
        var first = a.SayAsync(Member, "m-1", "hey, how was your day?", Now);
        await model.FirstCall;
        var second = b.SayAsync(Member, "m-2", "mine was long, thanks for asking", Now.AddMinutes(1));
        await WaitForLockWaiters(server, 1);
        Assert.That(model.Calls, Is.EqualTo(1), "one model request in flight for this member, across processes");
        model.Open();
        var results = await Task.WhenAll(first, second);
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.All.Not.Null);
            Assert.That(model.MaxInFlight, Is.EqualTo(1));
            Assert.That(b.Stores.Ledger.Find(Member)!.Exchanges, Is.EqualTo(2), "the second turn started from the first one's state");
            Assert.That(b.Stores.History.Recent(Member, 10), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task Forget_InOneProcessWhileTheOtherIsMidTurn_WaitsThenLeavesNothing()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        using var a = new PostgresProcess(server, model);
        using var b = new PostgresProcess(server, model);
        var turn = a.SayAsync(Member, "m-1", "my sister's exam is friday", Now);
        await model.FirstCall;
        // /forget everywhere in process B takes the member's gate first, as ForgetCommand does.
        var forget = Task.Run(async () =>
        {
            using var _ = await b.Gate.EnterAsync(Member.MemberId, CancellationToken.None);
            return b.Stores.Ledger.DeleteMember(Member.MemberId);
        });
        await WaitForLockWaiters(server, 1);
        model.Open();
        await turn;
        Assert.That(await forget, Is.GreaterThan(0));
        Assert.Multiple(() =>
        {
            Assert.That(a.Stores.Ledger.Find(Member), Is.Null, "process A sees the deletion at once");
            Assert.That(a.Stores.History.Recent(Member, 10), Is.Empty);
            Assert.That(a.Stores.MemberData.Scopes(Member.MemberId), Is.Empty);
        });
    }

    [Test]
    public async Task RapportReset_InOneProcess_TheOtherStartsAsStrangersAtItsNextMessage()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        model.Open();
        using var a = new PostgresProcess(server, model);
        using var b = new PostgresProcess(server, model);
        await a.SayAsync(Member, "m-1", "hi again", Now);
        await a.SayAsync(Member, "m-2", "thanks for yesterday", Now.AddMinutes(1));
        b.Stores.Ledger.Delete(Member);
        var next = await a.SayAsync(Member, "m-3", "hello?", Now.AddMinutes(2));
        Assert.That(next!.Change.Before.Exchanges, Is.Zero, "process A read the reset state, not a cached one");
    }

    [Test]
    public void PersonaChange_SavedByOneProcess_InForceInTheOtherAtItsNextMessage()
    {
        using var server = TestPostgres.Create();
        var model = new GatedChatModel();
        using var a = new PostgresProcess(server, model);
        using var b = new PostgresProcess(server, model);
        Assert.That(a.Personas.For(Member.Scope).Name, Is.EqualTo(Engine.DefaultPersona.Name));
        var yaml = CompanionBot.Personas.DefaultPersona.Yaml.Replace("name: Ella", "name: Mara", StringComparison.Ordinal);
        b.Stores.Personas.Append(Member.Scope, yaml, "mod", Now, "set");
        Assert.That(a.Personas.For(Member.Scope).Name, Is.EqualTo("Mara"), "each message checks the current version number");
    }

    /// <summary>Waits (without sleeping) until this many sessions wait on a member's advisory lock.</summary>
    private static async Task WaitForLockWaiters(TestPostgres server, long count)
    {
        for (var i = 0; i < 5000; i++)
        {
            if (server.Scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") is long n && n >= count) return;
            await Task.Yield();
        }
        Assert.Fail($"no session waited on a member lock after 5000 checks (expected {count})");
    }
}
