using System.Text.Json.Nodes;

namespace CompanionBot.Transport.Discord.Rest;

/// <summary>
/// One REST call. <paramref name="Route"/> is the template with placeholders ("POST channels/{channel}/messages"),
/// <paramref name="MajorParameter"/> the top-level resource id Discord limits separately (channel, guild, webhook).
/// Interaction routes authenticate with the token in the path and are exempt from the global limit.
/// </summary>
/// <param name="SkipWhenRateLimited">For courtesy calls (typing): a 429 ends the call instead of being waited out.</param>
/// <param name="Timeout">Overrides the general request timeout (interaction callbacks must land inside Discord's 3 s).</param>
/// <param name="RetryFailures">False: a 5xx or a missing answer is returned, not retried (a retried callback can only be late or a double acknowledgement).</param>
public sealed record RestRequest(HttpMethod Method, string Route, string Path, string MajorParameter, JsonNode? Body, bool IsInteraction = false, bool SkipWhenRateLimited = false, Commands.CommandFile? File = null, TimeSpan? Timeout = null, bool RetryFailures = true)
{
    public string RouteKey => $"{Method.Method} {Route}";
}

/// <summary>What came back, as a value: expected failures never throw.</summary>
/// <param name="Status">HTTP status, or 0 when no response arrived (network, timeout, gave up waiting).</param>
/// <param name="ErrorCode">Discord's JSON error code (50007, 10062...), when the body had one.</param>
public sealed record RestResponse(int Status, JsonNode? Body, int? ErrorCode, string? Problem)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static RestResponse Failed(string problem) => new(0, null, null, problem);
}
