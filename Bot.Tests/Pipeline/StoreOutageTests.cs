using System.Diagnostics.Metrics;
using CompanionBot.Pipeline;
using CompanionBot.Storage;
using CompanionBot.Telemetry;
using CompanionBot.Tests.Support;
using CompanionBot.Tests.Transport.Discord.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CompanionBot.Tests.Pipeline;

/// <summary>
/// Issue #22: a turn that finds the store unreachable waits for it (SQLite busy past its timeout, made real by a second
/// connection holding the write lock), and a full disk (SQLite's own SQLITE_FULL, from a page limit on the real file)
/// gets one honest reply with nothing half-written. The retry's delays run on a manual clock: the test advances it by
/// exactly the delay the pipeline armed.
/// </summary>
[CancelAfter(60_000)]
public sealed class StoreOutageTests
{
    [Test]
    public async Task HandleAsync_StoreBusyThenFree_TurnWaitsAndIsAnsweredOnce()
    {
        using var dir = new TempDirectory();
        using var h = new OutageHarness(dir.File("c.db"), waitSeconds: 30);
        await h.Send("hello", "m1"); // the member exists before the outage

        using var holder = h.HoldWriteLock();
        var armed = h.Clock.Armed.Count;
        var outcome = h.Send("are you there?", "m2");
        var delay = await h.Clock.Armed.WaitForAsync(d => d > TimeSpan.Zero, "the retry delay", armed);
        Assert.That(outcome.IsCompleted, Is.False, "the turn waits for the store instead of failing");
        holder.Dispose();
        h.Clock.Advance(delay);

        var answered = await outcome;
        Assert.Multiple(() =>
        {
            Assert.That(answered, Is.InstanceOf<TurnOutcome.Replied>());
            Assert.That(h.Store.WasProcessed("m2"), Is.True);
            Assert.That(h.Health.IsHealthy, Is.True);
            Assert.That(h.Health.FailingSince, Is.Null, "the turn that went through ended the outage");
        });
    }

    [Test]
    public async Task HandleAsync_StoreBusyPastTheBound_OneHonestReplyAndNothingWritten()
    {
        using var dir = new TempDirectory();
        using var h = new OutageHarness(dir.File("c.db"), waitSeconds: 0.5);
        using var holder = h.HoldWriteLock();

        var outcome = h.Send("hi, it's me", "m1");
        var from = 0;
        while (!outcome.IsCompleted)
        {
            // The next delay is armed only after the clock moves past this one, so the count right after it marks it.
            var next = await Task.WhenAny(outcome, h.Clock.Armed.WaitForAsync(d => d > TimeSpan.Zero, "a retry delay", from));
            if (next == outcome) break;
            var delay = await (Task<TimeSpan>)next;
            from = h.Clock.Armed.Count;
            h.Clock.Advance(delay);
        }
        var told = await outcome;
        holder.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(told, Is.InstanceOf<TurnOutcome.Unavailable>());
            Assert.That(told.Outbound!.Text, Is.EqualTo(ConversationPipeline.CannotKeep));
            Assert.That(h.Store.WasProcessed("m1"), Is.False, "not marked handled: a replay answers it later");
            Assert.That(h.Store.Count(), Is.Zero, "nothing half-applied");
            Assert.That(h.Clock.GetUtcNow() - h.Start, Is.EqualTo(TimeSpan.FromSeconds(0.5)), "the last try comes at the bound");
        });
    }

    [Test]
    public async Task HandleAsync_DiskFull_OneHonestReplyHealthFailsLaterNothingCorrupted()
    {
        using var dir = new TempDirectory();
        using var h = new OutageHarness(dir.File("c.db"), waitSeconds: 30, unhealthyAfter: 10);
        await h.Send("first thing today", "m1");
        await h.Send("second thing", "m2");
        var pages = Convert.ToInt64(h.Database.Pragma("page_count"), System.Globalization.CultureInfo.InvariantCulture);
        h.Database.Pragma($"max_page_count = {pages}"); // the file may not grow: SQLite answers SQLITE_FULL, as on a full disk

        var told = await h.Send(string.Concat(Enumerable.Repeat("a long message that needs a new page. ", 200)), "m3");
        h.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Multiple(() =>
        {
            Assert.That(told, Is.InstanceOf<TurnOutcome.Unavailable>(), "a full disk is not waited out");
            Assert.That(told.Outbound!.Text, Is.EqualTo(ConversationPipeline.CannotKeep));
            Assert.That(h.Health.LastFault, Is.EqualTo(StorageFault.Full));
            Assert.That(h.Health.IsHealthy, Is.False, "failing longer than the bound: the health check fails");
            Assert.That(h.Store.WasProcessed("m1") && h.Store.WasProcessed("m2"), Is.True, "every acknowledged turn kept");
            Assert.That(h.Store.WasProcessed("m3"), Is.False);
            Assert.That(h.Database.Pragma("integrity_check"), Is.EqualTo("ok"));
        });
    }

    /// <summary>
    /// The same on a real full file system: a 2 MB tmpfs mounted for the test (needs root, hence explicit), filled by
    /// another file until the kernel says ENOSPC. Run with
    /// <c>dotnet test Bot.Tests --filter "FullyQualifiedName~HandleAsync_TmpfsFull"</c>.
    /// </summary>
    [Test]
    [Explicit("mounts a tmpfs: needs root")]
    public async Task HandleAsync_TmpfsFull_OneHonestReplyNothingCorruptedAndAnsweredOnceThereIsRoom()
    {
        using var dir = new TempDirectory();
        var mount = dir.File("small");
        Directory.CreateDirectory(mount);
        Assert.That(Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount), Is.Zero, "mount a 2 MB tmpfs (root only)");
        try
        {
            using (var h = new OutageHarness(Path.Combine(mount, "c.db"), waitSeconds: 30))
            {
                await h.Send("first thing today", "m1");
                await h.Send("second thing", "m2");
                var filler = Path.Combine(mount, "filler");
                await using (var fill = File.Create(filler))
                {
                    var block = new byte[4096];
                    try
                    {
                        while (true) fill.Write(block);
                    }
                    catch (IOException)
                    {
                        // ENOSPC: the file system is full
                    }
                }

                var told = await h.Send(string.Concat(Enumerable.Repeat("a long message that needs room on the disk. ", 300)), "m3");
                Assert.Multiple(() =>
                {
                    Assert.That(told, Is.InstanceOf<TurnOutcome.Unavailable>());
                    Assert.That(told.Outbound!.Text, Is.EqualTo(ConversationPipeline.CannotKeep));
                    Assert.That(h.Health.LastFault, Is.EqualTo(StorageFault.Full));
                    Assert.That(h.Store.WasProcessed("m1") && h.Store.WasProcessed("m2"), Is.True, "every acknowledged turn kept");
                    Assert.That(h.Store.WasProcessed("m3"), Is.False);
                });
                File.Delete(filler);
                Assert.That(await h.Send("are you back?", "m4"), Is.InstanceOf<TurnOutcome.Replied>(), "answered once there is room");
                Assert.That(h.Database.Pragma("integrity_check"), Is.EqualTo("ok"));
            }
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static int Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Test]
    public async Task HandleAsync_MoreTurnsWaitingThanAllowed_TheNextIsToldAtOnce()
    {
        using var dir = new TempDirectory();
        using var h = new OutageHarness(dir.File("c.db"), waitSeconds: 30, maxWaiting: 0);
        using var holder = h.HoldWriteLock();

        var told = await h.Send("hello?", "m1");

        Assert.That(told, Is.InstanceOf<TurnOutcome.Unavailable>());
        Assert.That(h.Clock.Armed.Snapshot().Where(d => d > TimeSpan.Zero), Is.Empty, "no retry was queued");
    }

    /// <summary>The real pipeline from the composition root on a SQLite file, on a manual clock, busy timeout 0.</summary>
    private sealed class OutageHarness : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string _path;
        private int _minutes;

        public OutageHarness(string path, double waitSeconds, double unhealthyAfter = 60, int maxWaiting = 1000)
        {
            _path = path;
            Clock = new SignallingClock();
            _services = TestRoot.Build(new Dictionary<string, string?>
            {
                ["Storage:DatabasePath"] = path,
                ["Storage:BusyTimeoutSeconds"] = "0",
                ["Conversation:BurstQuietSeconds"] = "0",
                ["StoreOutage:WaitSeconds"] = waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["StoreOutage:UnhealthyAfterSeconds"] = unhealthyAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["StoreOutage:MaxWaitingTurns"] = maxWaiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                services.Replace(ServiceDescriptor.Singleton<CompanionBot.Common.IRandomSource>(new FixedJitter(0.5)));
            });
            Start = Clock.GetUtcNow();
            Database = _services.GetRequiredService<SqliteDatabase>();
            Store = _services.GetRequiredService<ILedgerStore>();
            Health = _services.GetRequiredService<StoreHealth>();
            Pipeline = _services.GetRequiredService<ConversationPipeline>();
        }

        public SignallingClock Clock { get; }
        public DateTimeOffset Start { get; }
        public SqliteDatabase Database { get; }
        public ILedgerStore Store { get; }
        public StoreHealth Health { get; }
        public ConversationPipeline Pipeline { get; }

        public Task<TurnOutcome> Send(string text, string id)
        {
            var message = new InboundMessage(id, RelationshipKey.Dm("member-1"), "c", "sam", text, Start.AddMinutes(_minutes++));
            return Task.Run(() => Pipeline.HandleAsync(message, CancellationToken.None));
        }

        /// <summary>Another connection takes the write lock (BEGIN IMMEDIATE): the bot's writes meet SQLITE_BUSY.</summary>
        public IDisposable HoldWriteLock()
        {
            var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "BEGIN IMMEDIATE;";
            cmd.ExecuteNonQuery();
            return connection;
        }

        public void Dispose() => _services.Dispose();
    }
}
