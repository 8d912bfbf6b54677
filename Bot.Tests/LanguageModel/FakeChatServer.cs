using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Tests.LanguageModel;

/// <summary>What the fake does with one request.</summary>
public abstract record FakeResponse
{
    public sealed record Reply(string Text, string FinishReason = "stop") : FakeResponse;
    public sealed record Status(int Code, IReadOnlyDictionary<string, string>? Headers = null) : FakeResponse;
    /// <summary>Never answers; ends when the client gives up.</summary>
    public sealed record Hang : FakeResponse;

    public static FakeResponse Ok(string text) => new Reply(text);
    public static FakeResponse Error(int code) => new Status(code);
    public static FakeResponse RetryAfter(int code, string header, string value) =>
        new Status(code, new Dictionary<string, string> { [header] = value });
}

/// <summary>One request the fake received, stamped with the test clock.</summary>
public sealed record RecordedRequest(int Index, DateTimeOffset At, JsonObject Body, string? Authorization)
{
    public JsonArray Messages => Body["messages"]!.AsArray();
    public string System => Messages[0]!["content"]!.GetValue<string>();
    public string LastUser => Messages[^1]!["content"]!.GetValue<string>();
}

/// <summary>
/// A loopback Kestrel fake of POST /v1/chat/completions on 127.0.0.1 and a free port. Responses are scripted per
/// request index; after the script runs out, <see cref="Otherwise"/> answers.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];

    private FakeChatServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public FakeResponse Otherwise { get; set; } = FakeResponse.Ok("ok");

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    public static async Task<FakeChatServer> StartAsync(TimeProvider clock, params FakeResponse[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeChatServer(app, clock);
        foreach (var response in script) server._script.Enqueue(response);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses) _script.Enqueue(response);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        RecordedRequest request;
        lock (_requests)
        {
            request = new RecordedRequest(_requests.Count + 1, _clock.GetUtcNow(), body, context.Request.Headers.Authorization.ToString());
            _requests.Add(request);
        }
        var response = _script.TryDequeue(out var next) ? next : Otherwise;
        switch (response)
        {
            case FakeResponse.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            case FakeResponse.Status status:
                context.Response.StatusCode = status.Code;
                foreach (var (name, value) in status.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
                await context.Response.WriteAsync("""{"error":{"message":"fake failure","type":"server_error"}}""");
                return;
            case FakeResponse.Reply reply:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Completion(reply.Text, reply.FinishReason, body["model"]?.GetValue<string>() ?? "m"));
                return;
        }
    }

    private static string Completion(string text, string finishReason, string model) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_780_000_000,
        model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = finishReason } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
