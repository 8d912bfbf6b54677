using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// One WebSocket connection on the fake gateway: records what the bot sends and lets a test script replies. Enforces
/// the Gateway doc's send limits ("Sending Events", "Rate Limiting"): a frame over 4096 bytes closes with 4002, more
/// than 120 frames in 60 s closes with 4008.
/// </summary>
public sealed class FakeGatewayConnection(WebSocket socket, string path, string query, FakeDiscord owner, Action abort)
{
    public const int MaxFrameBytes = 4096;
    public const int MaxFramesPerMinute = 120;

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ZlibStreamWriter? _zlib = query.Contains("compress=zlib-stream", StringComparison.Ordinal) ? new ZlibStreamWriter() : null;
    private FakeGatewaySession? _session;
    private int _sequence;

    public string Path { get; } = path;

    public string Query { get; } = query;

    /// <summary>Every frame the bot sent, parsed.</summary>
    public Signals<JsonNode> Frames { get; } = new();

    /// <summary>The close code the bot sent, or null if the connection just dropped.</summary>
    public TaskCompletionSource<int?> ClientClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool AckHeartbeats { get; set; } = owner.AckHeartbeats;

    /// <summary>The session this connection serves, once READY or RESUMED is being sent on it.</summary>
    public FakeGatewaySession? Session
    {
        get => _session;
        internal set
        {
            _session = value;
            _attached.TrySetResult();
        }
    }

    /// <summary>Completes when the connection joined a session (READY or RESUMED follows at once).</summary>
    public Task Attached => _attached.Task.WaitAsync(Signals<int>.Guard);

    /// <summary>The close code the fake sent because the bot broke a rule (4002, 4008), if any.</summary>
    public int? ClosedForViolation { get; private set; }

    public Task<JsonNode> WaitForOpAsync(int op, int from = 0) =>
        Frames.WaitForAsync(f => (int?)f["op"] == op, $"op {op} on {Path}", from);

    public bool HasSentOp(int op) => Frames.Snapshot().Any(f => (int?)f["op"] == op);

    public Task SendAsync(JsonNode payload) => SendRawAsync(payload.ToJsonString());

    public Task SendOpAsync(int op, JsonNode? d) => SendAsync(new JsonObject { ["op"] = op, ["d"] = d, ["s"] = null, ["t"] = null });

    /// <summary>A dispatch in this connection's session (numbered and kept for replay), as Discord sends events.</summary>
    public Task<int> DispatchAsync(string type, JsonNode d)
    {
        owner.Observe(type, d);
        return Session is { } session ? session.DispatchAsync(type, d) : SendDispatchAsync(type, d, Interlocked.Increment(ref _sequence));
    }

    /// <summary>Sends an event again with a number of the test's choosing (a replay), outside the session log.</summary>
    public Task<int> DispatchAsync(string type, JsonNode d, int sequence) => SendDispatchAsync(type, d, sequence);

    internal async Task<int> SendDispatchAsync(string type, JsonNode d, int sequence)
    {
        await SendAsync(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = sequence, ["d"] = d.DeepClone() });
        return sequence;
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task RunAsync(int heartbeatIntervalMs)
    {
        await SendOpAsync(10, new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs });
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        Session?.Detach(this, (int?)result.CloseStatus);
                        ClientClosed.TrySetResult((int?)result.CloseStatus);
                        await CloseAsync(1000, "");
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (Violation(message.Length) is { } code)
                {
                    ClosedForViolation = code;
                    Session?.Detach(this, code);
                    await CloseAsync(code, code == 4002 ? "Decode error." : "Rate limited.");
                    ClientClosed.TrySetResult(null);
                    return;
                }
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
                Frames.Add(frame);
                await owner.OnFrameAsync(this, frame);
            }
        }
        catch (WebSocketException)
        {
            Session?.Detach(this, null);
            ClientClosed.TrySetResult(null);
        }
    }

    private int? Violation(long bytes)
    {
        if (bytes > MaxFrameBytes) return 4002;
        var now = owner.Clock.GetUtcNow();
        while (_recent.Count > 0 && now - _recent.Peek() >= TimeSpan.FromSeconds(60)) _recent.Dequeue();
        _recent.Enqueue(now);
        return _recent.Count > MaxFramesPerMinute ? 4008 : null;
    }

    internal async Task SendRawAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                // Gateway doc, "Transport Compression": with compress=zlib-stream every message is a binary frame of one
                // zlib stream for the whole connection, each ending in a sync flush (00 00 ff ff)
                if (_zlib is not null) await socket.SendAsync(_zlib.Compress(json), WebSocketMessageType.Binary, true, CancellationToken.None);
                else await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        Session?.Detach(this, null);
        abort();
    }

    public override string ToString() => $"{Path}?{Query}";
}
