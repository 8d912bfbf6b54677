using CompanionBot.Tests.Support;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Rate Limits topic, "Header Format": X-RateLimit-Bucket names the shared limit, and it can change for a route.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class RestRateLimiterTests
{
    private static readonly RestRequest Messages = new(HttpMethod.Post, "channels/{channel}/messages", "channels/1/messages", "1", null);
    private static readonly RestRequest Typing = new(HttpMethod.Post, "channels/{channel}/typing", "channels/1/typing", "1", null);

    [Test]
    public async Task Apply_BucketHashChanges_RouteFollowsTheNewHash()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RestRateLimiter(clock, NullLogger<RestRateLimiter>.Instance);
        await SendAsync(limiter, Messages, "hash-a", remaining: 5);
        await SendAsync(limiter, Typing, "hash-b", remaining: 0, resetAfter: "5");

        await SendAsync(limiter, Messages, "hash-b", remaining: 0, resetAfter: "5");
        var next = limiter.EnterAsync(Messages, CancellationToken.None);

        Assert.That(next.IsCompleted, Is.False, "messages now share hash-b, which is exhausted for 5 s");
        clock.Advance(TimeSpan.FromSeconds(5));
        (await next)!.Leave();
    }

    [Test]
    public async Task EnterAsync_BucketMadeBeforeHashKnown_KeepsItsBudget()
    {
        var clock = new ManualTimeProvider();
        var limiter = new RestRateLimiter(clock, NullLogger<RestRateLimiter>.Instance);
        var otherChannel = Messages with { Path = "channels/2/messages", MajorParameter = "2" };
        await SendAsync(limiter, otherChannel, hash: null, remaining: 0, resetAfter: "5"); // before any hash was seen
        await SendAsync(limiter, Messages, "hash-a", remaining: 5);

        var next = limiter.EnterAsync(otherChannel, CancellationToken.None);

        Assert.That(next.IsCompleted, Is.False, "channel 2's exhausted bucket is not forgotten once the route's hash is known");
        clock.Advance(TimeSpan.FromSeconds(5));
        (await next)!.Leave();
    }

    /// <summary>Issue #14 item 13: replies are not courtesy; typing is dropped first when the global budget runs short.</summary>
    [Test]
    public async Task EnterAsync_GlobalBudgetShort_TypingSkippedRepliesStillGo()
    {
        var limiter = new RestRateLimiter(new ManualTimeProvider(), NullLogger<RestRateLimiter>.Instance);
        for (var i = 0; i < 30; i++) (await limiter.EnterAsync(Messages with { MajorParameter = $"c{i}" }, CancellationToken.None))!.Leave();

        var typing = await limiter.EnterAsync(Typing with { SkipWhenRateLimited = true }, CancellationToken.None);
        var reply = await limiter.EnterAsync(Messages, CancellationToken.None);

        Assert.That(typing, Is.Null, "30 of 50 used: typing is skipped");
        Assert.That(reply, Is.Not.Null);
        reply!.Leave();
    }

    private static async Task SendAsync(RestRateLimiter limiter, RestRequest request, string? hash, int remaining, string resetAfter = "1")
    {
        var bucket = await limiter.EnterAsync(request, CancellationToken.None);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        if (hash is not null) response.Headers.Add("X-RateLimit-Bucket", hash);
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter);
        limiter.Apply(request, bucket!, response);
        bucket!.Leave();
    }
}
