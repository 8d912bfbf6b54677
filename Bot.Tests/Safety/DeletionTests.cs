using System.Text;
using CompanionBot.Pipeline;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Safety;

/// <summary>
/// /forget deletes for real: a unique canary written through the real pipeline is gone from the database file,
/// its -wal and its -shm; the same search finds it when secure_delete is off, so the search can see a remnant.
/// </summary>
public sealed class DeletionTests
{
    private const string Canary = "canary-ultramarine-4417";

    /// <summary>Writes the canary, forgets the member, and returns the still-open harness (the bot keeps running).</summary>
    private static async Task<PipelineHarness> WriteCanaryAndForgetAsync(string path, bool secureDelete)
    {
        var h = new PipelineHarness(path, secureDelete: secureDelete);
        var target = RelationshipKey.Dm("424242");
        for (var i = 0; i < 30; i++) await h.SayAsync(RelationshipKey.Dm("filler-" + i), $"hey, filler message number {i} about playlists and bad album covers");
        await h.SayAsync(target, $"my secret word is {Canary}, don't tell anyone", TimeSpan.FromMinutes(2));
        await h.SayAsync(target, $"again: {Canary}. what do you think of it?", TimeSpan.FromMinutes(2));
        for (var i = 30; i < 60; i++) await h.SayAsync(RelationshipKey.Dm("filler-" + i), $"hey, filler message number {i} about playlists and bad album covers");
        h.Database.CheckpointTruncate();
        Assert.That(Found(path), Is.Not.Empty, "the canary was stored before /forget (history turns)");

        var deleted = h.Store.DeleteMember("424242");
        Assert.That(deleted, Is.GreaterThan(0));
        return h;
    }

    private static List<string> Found(string path)
    {
        var needles = new[] { Encoding.UTF8.GetBytes(Canary), Encoding.Unicode.GetBytes(Canary), Encoding.UTF8.GetBytes("ultramarine-4417") };
        var hits = new List<string>();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0)) hits.Add(Path.GetFileName(file));
        }
        return hits;
    }

    [Test]
    public async Task Forget_SecureDeleteOn_NoByteOfTheCanaryRemains()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        using (await WriteCanaryAndForgetAsync(path, secureDelete: true))
        {
            Assert.That(Found(path), Is.Empty, "R-DEL-3, while the bot is still running");
            Assert.That(new FileInfo(path + "-wal").Length, Is.Zero, "the WAL was truncated by the checkpoint");
        }
        Assert.That(Found(path), Is.Empty, "and after it stopped");
    }

    [Test]
    public async Task Forget_ReaderConnectionsReadTheCanaryAndOneIsMidReadAtTheForget_NoByteRemains()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        var target = RelationshipKey.Dm("424242");
        using var h = new PipelineHarness(path);
        await h.SayAsync(target, $"my secret word is {Canary}, don't tell anyone");
        using var reading = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        // Readers on their own connections read the canary, one of them holding its read (and snapshot) open.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.History.Recent(target, 10))).ToArray();
        Assert.That((await Task.WhenAll(readers)).All(turns => turns.Any(t => t.Text.Contains(Canary))), Is.True);
        var holder = Task.Run(() => h.Database.Read(_ =>
        {
            var seen = h.History.Recent(target, 10).Count;
            reading.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return seen;
        }));
        Assert.That(reading.Wait(TimeSpan.FromSeconds(10)), Is.True);

        var forget = Task.Run(() => h.Store.DeleteMember("424242"));
        release.Set();

        Assert.That(await holder, Is.GreaterThan(0));
        Assert.That(await forget, Is.GreaterThan(0));
        Assert.That(Found(path), Is.Empty, "no byte of the canary in the file, its -wal or its -shm");
        Assert.That(new FileInfo(path + "-wal").Length, Is.Zero, "the checkpoint truncated the WAL once the read was done");
        Assert.That(h.History.Recent(target, 10), Is.Empty);
    }

    [Test]
    public async Task Forget_SecureDeleteOff_ControlRunFindsTheRemnant()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        using (await WriteCanaryAndForgetAsync(path, secureDelete: false))
        {
            Assert.That(Found(path), Is.Not.Empty, "R-DEL-4: without secure_delete the same search sees the deleted text");
        }
    }

    [Test]
    public async Task Forget_OtherMembers_AreUntouched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        using var h = new PipelineHarness(path);
        await h.SayAsync(RelationshipKey.Dm("1"), "hi i'm one");
        await h.SayAsync(RelationshipKey.InGuild("9", "1"), "hi from the server");
        await h.SayAsync(RelationshipKey.Dm("2"), "hi i'm two");
        h.Store.DeleteMember("1");
        Assert.Multiple(() =>
        {
            Assert.That(h.Store.Find(RelationshipKey.Dm("1")), Is.Null);
            Assert.That(h.Store.Find(RelationshipKey.InGuild("9", "1")), Is.Null);
            Assert.That(h.History.Recent(RelationshipKey.Dm("1"), 10), Is.Empty);
            Assert.That(h.Store.Find(RelationshipKey.Dm("2")), Is.Not.Null);
            Assert.That(h.History.Recent(RelationshipKey.Dm("2"), 10), Is.Not.Empty);
        });
    }
}
