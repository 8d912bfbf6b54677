using System.Net.WebSockets;
using System.Text.Json;
using CompanionBot.Transport.Discord.Payloads;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// Runs one gateway connection from connect to close: Hello, heartbeats on their own timer (first after interval × jitter,
/// zombie when an ACK is missing), Identify or Resume, sequence tracking, ops 1/7/9/11, and dispatches handed to the sink.
/// The receive loop never awaits handlers.
/// </summary>
public sealed class ShardConnection(GatewayContext context, ShardState state)
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource<ConnectionEnd> _interrupt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ended = new();
    private GatewaySocket? _socket;
    private ITimer? _heartbeat;
    private ITimer? _helloTimer;
    private ITimer? _readyTimer;
    private volatile bool _acked = true;
    private long _lastBeatAt;
    private long _lastTickAt;
    private TimeSpan _interval;

    private ILogger Log => context.Logger;

    public async Task<ConnectionEnd> RunAsync(Uri url, bool resume, CancellationToken stop)
    {
        try
        {
            _socket = await GatewaySocket.ConnectAsync(url, context.Time, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException || (ex is OperationCanceledException && !stop.IsCancellationRequested))
        {
            return new ConnectionEnd(NextStep.ConnectFailed, $"cannot connect to {url.Host}: {context.Redactor.Redact(ex.Message)}");
        }
        catch (OperationCanceledException)
        {
            return ConnectionEnd.Stopped;
        }

        await using var socket = _socket;
        using var onStop = stop.Register(() => _interrupt.TrySetResult(ConnectionEnd.Stopped));
        _helloTimer = context.Time.CreateTimer(_ => Interrupt(new ConnectionEnd(NextStep.Resume, "no Hello within 60 s")), null, HelloTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                var receive = socket.ReceiveAsync();
                if (await Task.WhenAny(receive, _interrupt.Task).ConfigureAwait(false) == _interrupt.Task)
                {
                    var end = await _interrupt.Task.ConfigureAwait(false);
                    await socket.CloseAsync(end.Next == NextStep.Stop ? 1000 : 4000, end.Why, receive, context.Time).ConfigureAwait(false);
                    return end;
                }
                GatewayFrame frame;
                try
                {
                    frame = await receive.ConfigureAwait(false);
                }
                catch (WebSocketException ex)
                {
                    return new ConnectionEnd(NextStep.Resume, $"connection dropped: {ex.WebSocketErrorCode}");
                }
                if (frame.IsClose)
                {
                    var closed = Closed(frame);
                    // answer the close without a 1000 when the session is to be resumed (1000 would end it)
                    await socket.CloseAsync(closed.Next == NextStep.Resume ? 4000 : 1000, "", null, context.Time).ConfigureAwait(false);
                    return closed;
                }
                if (Handle(frame.Text!, resume) is { } ended)
                {
                    await socket.CloseAsync(ended.Next == NextStep.Identify ? 1000 : 4000, ended.Why, receive, context.Time).ConfigureAwait(false);
                    return ended;
                }
            }
        }
        finally
        {
            _heartbeat?.Dispose();
            _helloTimer?.Dispose();
            _readyTimer?.Dispose();
            await _ended.CancelAsync().ConfigureAwait(false); // an identify still waiting for its turn gives it up
        }
    }

    private ConnectionEnd? Handle(byte[] text, bool resume)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            GatewayLog.NotJson(Log, state.ShardId, text.Length);
            return null;
        }
        using var _ = document;
        var root = document.RootElement;
        if (root.Long("s") is { } sequence) state.See(sequence);
        var data = root.Child("d") ?? default;
        switch (root.Int("op"))
        {
            case 10:
                OnHello(data.Int("heartbeat_interval") ?? 41_250, resume);
                return null;
            case 11:
                _acked = true;
                context.HeartbeatFile.Touch();
                context.Sessions.Save(state);
                GatewayLog.HeartbeatAcked(Log, state.ShardId, context.Time.GetElapsedTime(Interlocked.Read(ref _lastBeatAt)).TotalMilliseconds);
                return null;
            case 1:
                SendHeartbeat(); // requested by Discord: sent at once, and no zombie check for it
                return null;
            case 7:
                return new ConnectionEnd(NextStep.Resume, "Discord asked to reconnect (op 7)");
            case 9:
                return OnInvalidSession(data.ValueKind == JsonValueKind.True);
            case 0:
                OnDispatch(root.Str("t") ?? "", data);
                return null;
            default:
                return null;
        }
    }

    private void OnHello(int intervalMs, bool resume)
    {
        _helloTimer?.Dispose();
        var interval = _interval = TimeSpan.FromMilliseconds(intervalMs);
        var first = interval * context.Jitter.NextDouble();
        _heartbeat = context.Time.CreateTimer(_ => OnHeartbeatDue(), null, first, interval);
        if (resume && state.SessionId is { } session)
        {
            GatewayLog.Resuming(Log, state.ShardId, state.Sequence);
            _socket!.TrySend(GatewayPayloads.Resume(context.Token, session, state.Sequence), critical: true);
            return;
        }
        _ = IdentifyWhenAllowedAsync();
    }

    private async Task IdentifyWhenAllowedAsync()
    {
        try
        {
            using var connectionAlive = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping, _ended.Token);
            await context.Throttle.WaitTurnAsync(state.ShardId, connectionAlive.Token).ConfigureAwait(false);
            if (_interrupt.Task.IsCompleted) return;
            GatewayLog.Identifying(Log, state.ShardId, state.ShardCount);
            _readyTimer = context.Time.CreateTimer(_ => Interrupt(new ConnectionEnd(NextStep.Identify, "no READY within 15 s of Identify")), null, ReadyTimeout, Timeout.InfiniteTimeSpan);
            _socket!.TrySend(GatewayPayloads.Identify(context.Token, state.ShardId, state.ShardCount, context.Intents.Current), critical: true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnHeartbeatDue()
    {
        var now = context.Time.GetTimestamp();
        var previous = Interlocked.Exchange(ref _lastTickAt, now);
        if (previous != 0 && context.Time.GetElapsedTime(previous, now) > _interval + TimeSpan.FromSeconds(2))
        {
            // the usual cause is thread-pool starvation somewhere in the process (a blocking wait)
            GatewayLog.HeartbeatLate(Log, state.ShardId, (context.Time.GetElapsedTime(previous, now) - _interval).TotalSeconds);
        }
        if (!_acked)
        {
            Interrupt(new ConnectionEnd(NextStep.Resume, "no heartbeat ACK since the last heartbeat (zombie connection)"));
            return;
        }
        _acked = false;
        SendHeartbeat();
    }

    private void SendHeartbeat()
    {
        Interlocked.Exchange(ref _lastBeatAt, context.Time.GetTimestamp());
        _socket?.TrySend(GatewayPayloads.Heartbeat(state.Sequence), critical: true);
    }

    private ConnectionEnd OnInvalidSession(bool resumable)
    {
        if (resumable) return new ConnectionEnd(NextStep.Resume, "invalid session (op 9, resumable)");
        state.ClearSession();
        var pause = TimeSpan.FromSeconds(1 + 4 * context.Jitter.NextDouble());
        return new ConnectionEnd(NextStep.Identify, "invalid session (op 9): starting a new one", Pause: Task.Delay(pause, context.Time, context.Stopping));
    }

    private void OnDispatch(string type, JsonElement data)
    {
        switch (type)
        {
            case "READY" when ReadyEvent.Parse(data) is { } ready:
                _readyTimer?.Dispose();
                state.SessionId = ready.SessionId;
                state.ResumeUrl = ready.ResumeGatewayUrl;
                state.UserId = ready.UserId;
                state.ApplicationId = ready.ApplicationId;
                state.FailedResumes = 0;
                state.ConsecutiveFailures = 0;
                context.Sessions.Save(state);
                GatewayLog.Ready(Log, state.ShardId, ready.ApplicationId);
                context.Sink.OnReady(state.ShardId, ready);
                break;
            case "RESUMED":
                state.FailedResumes = 0;
                state.ConsecutiveFailures = 0;
                context.Sessions.Save(state);
                GatewayLog.Resumed(Log, state.ShardId);
                break;
            default:
                context.Sink.OnDispatch(state.ShardId, type, data.Clone());
                break;
        }
    }

    private ConnectionEnd Closed(GatewayFrame frame)
    {
        var (action, fix) = CloseCodePolicy.For(frame.CloseCode);
        var why = $"gateway closed with {frame.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"} {context.Redactor.Redact(frame.CloseReason)}".TrimEnd();
        if (frame.CloseCode == CloseCodePolicy.DisallowedIntents && context.Intents.DropMessageContent())
        {
            GatewayLog.MessageContentRefused(Log, state.ShardId);
            return new ConnectionEnd(NextStep.Identify, why);
        }
        return action switch
        {
            AfterClose.Fatal => new ConnectionEnd(NextStep.Fatal, why, fix),
            AfterClose.Identify => new ConnectionEnd(NextStep.Identify, why),
            _ => new ConnectionEnd(NextStep.Resume, why),
        };
    }

    private void Interrupt(ConnectionEnd end) => _interrupt.TrySetResult(end);
}
