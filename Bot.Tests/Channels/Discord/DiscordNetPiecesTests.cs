using System.IO.Compression;
using System.Net;
using System.Text;
using CompanionBot.Channels.Discord;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Tests.Channels.Discord;

/// <summary>The pieces of the Discord.Net client that stand alone: the fake's zlib-stream, the global 429 reading, the setting.</summary>
[TestFixture]
public sealed class DiscordNetPiecesTests
{
    [Test]
    public void ZlibStreamWriter_TwoMessages_EachDecodesFromOneSharedStreamWithSyncFlush()
    {
        using var writer = new ZlibStreamWriter();
        var first = writer.Compress("{\"op\":10}");
        var second = writer.Compress("{\"op\":11}");

        // the way a client reads zlib-stream: strip the 2-byte zlib header once, one inflater for the connection
        using var compressed = new MemoryStream();
        using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
        Assert.Multiple(() =>
        {
            Assert.That(first[0], Is.EqualTo(0x78), "zlib header on the first message");
            Assert.That(first[^4..], Is.EqualTo(new byte[] { 0, 0, 0xff, 0xff }), "sync flush");
            Assert.That(second[^4..], Is.EqualTo(new byte[] { 0, 0, 0xff, 0xff }), "sync flush");
            Assert.That(Inflate(compressed, inflater, first[2..]), Is.EqualTo("{\"op\":10}"));
            Assert.That(Inflate(compressed, inflater, second), Is.EqualTo("{\"op\":11}"));
        });
    }

    [Test]
    public void GlobalRetryAfter_GlobalAndRouteLimits_SecondsOnlyForGlobal()
    {
        static global::Discord.Net.Rest.RestResponse Response(params (string, string)[] headers) =>
            new(HttpStatusCode.TooManyRequests, headers.ToDictionary(h => h.Item1, h => h.Item2, StringComparer.OrdinalIgnoreCase), null);

        Assert.Multiple(() =>
        {
            Assert.That(BudgetedRestClient.GlobalRetryAfter(Response(("X-RateLimit-Global", "true"), ("Retry-After", "2"))), Is.EqualTo(TimeSpan.FromSeconds(2)), "seconds, not milliseconds");
            Assert.That(BudgetedRestClient.GlobalRetryAfter(Response(("X-RateLimit-Scope", "global"), ("Retry-After", "0.5"))), Is.EqualTo(TimeSpan.FromSeconds(0.5)));
            Assert.That(BudgetedRestClient.GlobalRetryAfter(Response(("X-RateLimit-Scope", "user"), ("Retry-After", "3"))), Is.Null, "a route's limit is Discord.Net's bucket's");
            Assert.That(BudgetedRestClient.GlobalRetryAfter(Response(("X-RateLimit-Global", "true"), ("Retry-After", "900"))), Is.EqualTo(BudgetedRestClient.MaxPause));
        });
    }

    [Test]
    public void TryTakeCourtesy_BudgetMostlyUsed_TypingSkipped()
    {
        var budget = new GlobalRequestBudget(Options.Create(new DiscordOptions { GlobalRequestsPerSecond = 10 }), new SignallingClock());
        var taken = Enumerable.Range(0, 10).Count(_ => budget.TryTakeCourtesy());

        Assert.That(taken, Is.EqualTo(6), "typing stops at 60% of the second's budget");
    }

    [Test]
    public void ClientSetting_UnknownValue_NamesTheKey()
    {
        var options = new DiscordOptions { Client = "discord.js" };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.That(results.Select(r => r.ErrorMessage), Has.Some.EqualTo("Discord:Client must be builtin or discordnet"));
        Assert.That(new DiscordOptions().UsesDiscordNet, Is.False, "builtin stays the default until Discord.Net holds every guarantee");
    }

    private static string Inflate(MemoryStream compressed, DeflateStream inflater, byte[] frame)
    {
        compressed.SetLength(0);
        compressed.Write(frame);
        compressed.Position = 0;
        using var output = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = inflater.Read(buffer)) > 0) output.Write(buffer, 0, read);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
