using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>One WebSocket connection on the fake gateway: records what the bot sends and lets a test script replies.</summary>
public sealed class FakeGatewayConnection(WebSocket socket, string path, string query, FakeDiscord owner)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _sequence;

    public string Path { get; } = path;

    public string Query { get; } = query;

    /// <summary>Every frame the bot sent, parsed.</summary>
    public Signals<JsonNode> Frames { get; } = new();

    /// <summary>The close code the bot sent, or null if the connection just dropped.</summary>
    public TaskCompletionSource<int?> ClientClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool AckHeartbeats { get; set; } = owner.AckHeartbeats;

    public int Sequence => Volatile.Read(ref _sequence);

    public Task<JsonNode> WaitForOpAsync(int op, int from = 0) =>
        Frames.WaitForAsync(f => (int?)f["op"] == op, $"op {op} on {Path}", from);

    public bool HasSentOp(int op) => Frames.Snapshot().Any(f => (int?)f["op"] == op);

    public Task SendAsync(JsonNode payload) => SendRawAsync(payload.ToJsonString());

    public Task SendOpAsync(int op, JsonNode? d) => SendAsync(new JsonObject { ["op"] = op, ["d"] = d, ["s"] = null, ["t"] = null });

    public Task<int> DispatchAsync(string type, JsonNode d) => DispatchAsync(type, d, Interlocked.Increment(ref _sequence));

    public async Task<int> DispatchAsync(string type, JsonNode d, int sequence)
    {
        await SendAsync(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = sequence, ["d"] = d });
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
                        ClientClosed.TrySetResult((int?)result.CloseStatus);
                        await CloseAsync(1000, "");
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
                Frames.Add(frame);
                await owner.OnFrameAsync(this, frame);
            }
        }
        catch (WebSocketException)
        {
            ClientClosed.TrySetResult(null);
        }
    }

    internal async Task SendRawAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public override string ToString() => $"{Path}?{Query}";
}
