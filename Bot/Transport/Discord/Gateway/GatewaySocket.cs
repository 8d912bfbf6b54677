using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>What one receive produced.</summary>
public sealed record GatewayFrame(byte[]? Text, int? CloseCode, string? CloseReason)
{
    public bool IsClose => Text is null;
}

/// <summary>
/// One gateway connection on a <see cref="ClientWebSocket"/>. ClientWebSocket allows one send and one receive at a time,
/// so every send goes through a single writer, paced to 120 frames per 60 s with heartbeats, Identify and Resume
/// (the "critical" sends) allowed past a reserve that ordinary sends leave free.
/// </summary>
public sealed class GatewaySocket : IAsyncDisposable
{
    public const int SendsPerMinute = 120;
    public const int OrdinarySendsPerMinute = 115;
    private const int MaxInboundBytes = 64 * 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly Channel<byte[]> _critical = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _ordinary = Channel.CreateUnbounded<byte[]>();
    private readonly SlidingWindowLimiter _limiter;
    private readonly CancellationTokenSource _stopWriting = new();
    private readonly Task _writer;

    private GatewaySocket(ClientWebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _limiter = new SlidingWindowLimiter(SendsPerMinute, TimeSpan.FromSeconds(60), time);
        _writer = Task.Run(WriteLoopAsync);
    }

    public static async Task<GatewaySocket> ConnectAsync(Uri url, TimeProvider time, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // Discord's heartbeat is the keep-alive
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            return new GatewaySocket(socket, time);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues a frame; false (not sent) when it exceeds Discord's 4096-byte limit, which would close us with 4002.</summary>
    public bool TrySend(string json, bool critical)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length > GatewayPayloads.MaxPayloadBytes) return false;
        return (critical ? _critical : _ordinary).Writer.TryWrite(bytes);
    }

    /// <summary>The next whole message (fragments joined), or the close. Throws WebSocketException when the connection drops.</summary>
    public async Task<GatewayFrame> ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new GatewayFrame(null, (int?)_socket.CloseStatus, _socket.CloseStatusDescription);
            }
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxInboundBytes) throw new WebSocketException(WebSocketError.Faulted, "gateway message larger than 64 MiB");
            if (result.EndOfMessage) return new GatewayFrame(buffer.WrittenSpan.ToArray(), null, null);
        }
    }

    /// <summary>
    /// Stops the writer, sends our close frame and waits (bounded) for <paramref name="pendingReceive"/> to see the
    /// server's reply, then aborts. Non-1000 codes keep the session resumable.
    /// </summary>
    public async Task CloseAsync(int code, string reason, Task? pendingReceive, TimeProvider time)
    {
        await _stopWriting.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token).ConfigureAwait(false);
            }
            if (pendingReceive is not null)
            {
                _ = pendingReceive.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await Task.WhenAny(pendingReceive, Task.Delay(TimeSpan.FromSeconds(2), time)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the connection is going away either way
        }
        finally
        {
            _socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWriting.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stopWriting.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var stop = _stopWriting.Token;
        while (!stop.IsCancellationRequested)
        {
            bool critical;
            if (_critical.Reader.TryRead(out var frame)) critical = true;
            else if (_ordinary.Reader.TryRead(out frame)) critical = false;
            else
            {
                await Task.WhenAny(_critical.Reader.WaitToReadAsync(stop).AsTask(), _ordinary.Reader.WaitToReadAsync(stop).AsTask()).ConfigureAwait(false);
                continue;
            }
            await _limiter.TakeAsync(critical ? SendsPerMinute : OrdinarySendsPerMinute, stop).ConfigureAwait(false);
            // no cancellation token: cancelling a ClientWebSocket send aborts the whole socket
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
