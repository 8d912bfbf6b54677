using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <param name="Files">For a multipart request: each attached file's name and text (payload_json becomes <see cref="Body"/>).</param>
/// <param name="Timestamp">Stopwatch timestamp of arrival (load measurements).</param>
/// <param name="Query">The query string without its '?', when there was one.</param>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? UserAgent, JsonNode? Body, int Status, IReadOnlyDictionary<string, string>? Files = null, long Timestamp = 0, string? Query = null)
{
    public override string ToString() => $"{Method} {Path} -> {Status}";
}

/// <summary>A scripted REST answer: status, JSON body, headers.</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A loopback fake of Discord on Kestrel (127.0.0.1, port 0): the REST routes the bot uses and a WebSocket gateway on
/// /gateway (from /gateway/bot) and /gateway-resume (READY's resume_gateway_url), so tests can see which one was used.
/// By default it ACKs heartbeats, answers Identify with READY (a new session) and Resume with the missed events and
/// RESUMED (op 9 false for a session it does not know or that ended), and enforces <see cref="FakeDiscordRules"/>.
/// </summary>
public sealed partial class FakeDiscord : IAsyncDisposable
{
    public const string BotUserId = "900000000000000001";
    public const string ApplicationId = "900000000000000002";
    public const string SessionId = "session-1";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeGatewaySession> _sessions = [];
    private int _messageIds = 1000;

    private FakeDiscord(WebApplication app)
    {
        _app = app;
        Rules = new FakeDiscordRules(() => Clock.GetUtcNow());
    }

    /// <summary>The clock the rules read (3 s to acknowledge, 120 frames a minute); tests share the bot's manual clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public FakeDiscordRules Rules { get; }

    /// <summary>The session the last Identify started (Discord keeps it for resuming after the connection is gone).</summary>
    public FakeGatewaySession? LatestSession { get; private set; }

    /// <summary>Every gateway connection attempt answers 503 (the bot's process is "gone" or Discord is down).</summary>
    public bool RefuseAllConnections { get; set; }

    public string BaseUrl { get; private set; } = "";

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public int HeartbeatIntervalMs { get; set; } = 45_000;

    public bool AckHeartbeats { get; set; } = true;

    public bool AutoReady { get; set; } = true;

    /// <summary>The path the first GET /gateway/bot hands out (later ones say /gateway); any path but the gateway ones is refused.</summary>
    public string FirstGatewayPath { get; set; } = "/gateway";

    private int _gatewayBotCalls;

    /// <summary>The resume url answers 503 instead of upgrading (a dead resume_gateway_url).</summary>
    public bool RefuseResumeConnections { get; set; }

    /// <summary>Lets a test answer a request its own way (return null for the default answer).</summary>
    public Func<RecordedRequest, ScriptedResponse?> Script { get; set; } = _ => null;

    public Func<FakeGatewayConnection, JsonNode, Task>? OnIdentify { get; set; }

    /// <summary>Holds a request's answer (already decided and recorded) until the returned task completes: a slow or lost response.</summary>
    public Func<RecordedRequest, Task?> Hold { get; set; } = _ => null;

    public Signals<RecordedRequest> Requests { get; } = new();

    public Signals<FakeGatewayConnection> Connections { get; } = new();

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    public Task<FakeGatewayConnection> ConnectionAsync(int index) =>
        Connections.WaitForAsync(_ => true, $"gateway connection #{index + 1}", index);

    public IReadOnlyList<RecordedRequest> Sent(string method, string pathStart) =>
        [.. Requests.Snapshot().Where(r => r.Method == method && r.Path.StartsWith(pathStart, StringComparison.Ordinal))];

    public static JsonObject Ready() => new()
    {
        ["v"] = 10,
        ["session_id"] = SessionId,
        ["resume_gateway_url"] = "", // filled per connection
        ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = "companion", ["bot"] = true },
        ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
        ["guilds"] = new JsonArray(),
        ["shard"] = new JsonArray(0, 1),
        // Discord's other READY fields (Gateway Events, "Ready"); Discord.Net reads them without checking for null
        ["private_channels"] = new JsonArray(),
        ["relationships"] = new JsonArray(),
        ["read_state"] = new JsonArray(),
        ["presences"] = new JsonArray(),
        ["guild_join_requests"] = new JsonArray(),
        ["geo_ordered_rtc_regions"] = new JsonArray(),
        ["user_settings"] = new JsonObject(),
    };

    /// <summary>Sees every dispatch a test sends (the interaction rules start their 3 s clock here).</summary>
    internal void Observe(string type, JsonNode d)
    {
        if (type == "INTERACTION_CREATE") Rules.Created(d);
        if (type == "MESSAGE_CREATE") Remember(d);
        if (type == "GUILD_CREATE") RememberGuild(d);
    }

    /// <summary>Aborts every open gateway connection without a close frame (the TCP connection just drops).</summary>
    public void DropAllConnections()
    {
        foreach (var connection in Connections.Snapshot()) connection.Abort();
    }

    internal async Task OnFrameAsync(FakeGatewayConnection connection, JsonNode frame)
    {
        switch ((int?)frame["op"])
        {
            case 1 when connection.AckHeartbeats:
                await connection.SendOpAsync(11, null);
                break;
            case 2:
                if (OnIdentify is not null) await OnIdentify(connection, frame);
                else if (AutoReady) await StartSessionAsync(connection, frame);
                break;
            case 6 when AutoReady:
                FakeGatewaySession? resumed;
                lock (_gate) resumed = _sessions.GetValueOrDefault((string?)frame["d"]?["session_id"] ?? "");
                if (resumed is null || resumed.Ended) await connection.SendOpAsync(9, false);
                else await resumed.ResumeAsync(connection, (long?)frame["d"]?["seq"]);
                break;
        }
    }

    /// <summary>Answers an Identify as Discord does: a new session and READY on this connection.</summary>
    public async Task StartSessionAsync(FakeGatewayConnection connection, JsonNode identify)
    {
                {
                    FakeGatewaySession session;
                    lock (_gate)
                    {
                        session = new FakeGatewaySession($"session-{_sessions.Count + 1}");
                        _sessions[session.Id] = session;
                        LatestSession = session;
                    }
                    var ready = Ready();
                    ready["session_id"] = session.Id;
                    ready["resume_gateway_url"] = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway-resume";
                    ready["shard"] = identify["d"]?["shard"]?.DeepClone() ?? new JsonArray(0, 1);
                    await session.StartAsync(connection, ready);
                }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if ((RefuseResumeConnections && path == "/gateway-resume") || (RefuseAllConnections && path is "/gateway" or "/gateway-resume"))
        {
            Requests.Add(new RecordedRequest("GET", path.TrimStart('/'), null, null, null, 503));
            context.Response.StatusCode = 503;
            return;
        }
        if (context.WebSockets.IsWebSocketRequest && path is not ("/gateway" or "/gateway-resume"))
        {
            Requests.Add(new RecordedRequest("GET", path.TrimStart('/'), null, null, null, 404));
            context.Response.StatusCode = 404;
            return;
        }
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new FakeGatewayConnection(socket, path, context.Request.QueryString.Value?.TrimStart('?') ?? "", this, context.Abort);
            Connections.Add(connection);
            await connection.RunAsync(HeartbeatIntervalMs);
            return;
        }

        JsonNode? body = null;
        Dictionary<string, string>? files = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            body = JsonNode.Parse(form["payload_json"].ToString());
            files = [];
            foreach (var file in form.Files)
            {
                using var fileReader = new StreamReader(file.OpenReadStream());
                files[file.FileName] = await fileReader.ReadToEndAsync();
            }
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.ContentType.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        var route = path.StartsWith("/api/v10/", StringComparison.Ordinal) ? path["/api/v10/".Length..] : path;
        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value!.TrimStart('?') : null;
        var probe = new RecordedRequest(context.Request.Method, route, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers.UserAgent.FirstOrDefault(), body, 0, files, System.Diagnostics.Stopwatch.GetTimestamp(), query);
        var answer = Script(probe) ?? GlobalLimit(probe) ?? Rules.Check(probe) ?? Channels(probe) ?? Default(probe);
        Requests.Add(probe with { Status = answer.Status });
        if (Hold(probe) is { } held) await held;

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private ScriptedResponse Default(RecordedRequest r)
    {
        if (r.Method == "GET" && r.Path == "gateway/bot")
        {
            var url = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + (Interlocked.Increment(ref _gatewayBotCalls) == 1 ? FirstGatewayPath : "/gateway");
            return new ScriptedResponse(200, new JsonObject
            {
                ["url"] = url,
                ["shards"] = 1,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = 1 },
            }.ToJsonString());
        }
        if (r.Method == "GET" && r.Path == "users/@me") return new ScriptedResponse(200, Ready()["user"]!.ToJsonString());
        if (r.Method == "GET" && r.Path == "applications/@me") return new ScriptedResponse(200, new JsonObject { ["id"] = ApplicationId, ["name"] = "companion" }.ToJsonString());
        if (r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal))
        {
            var id = Interlocked.Increment(ref _messageIds);
            return new ScriptedResponse(200, SentMessage(r, id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToJsonString());
        }
        if (r.Path.EndsWith("/typing", StringComparison.Ordinal) || r.Path.EndsWith("/callback", StringComparison.Ordinal)) return new ScriptedResponse(204);
        return new ScriptedResponse(200, r.Body?.ToJsonString() ?? "{}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
