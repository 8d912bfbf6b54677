using System.Collections.Concurrent;
using CompanionBot.Pipeline;
using Microsoft.Extensions.Options;

namespace CompanionBot.Pipeline;

public enum FloodVerdict
{
    Admitted,
    /// <summary>Over the limit: answer once with a "slow down" note.</summary>
    NotifyOnce,
    /// <summary>Over the limit and already told: drop silently.</summary>
    Dropped,
}

/// <summary>
/// Sliding-window flood limits per member and per server, on the messages' own timestamps. The pipeline never
/// asks it about a crisis message: those are never limited.
/// </summary>
public sealed class FloodGuard(IOptions<FloodOptions> options)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly FloodOptions _options = options.Value;
    private long _lastPruneTicks;

    public FloodVerdict Check(InboundMessage message)
    {
        var now = message.ReceivedAt;
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (now.UtcTicks - last > TimeSpan.FromMinutes(10).Ticks && Interlocked.CompareExchange(ref _lastPruneTicks, now.UtcTicks, last) == last)
        {
            Prune(now);
        }
        var member = _windows.GetOrAdd("member:" + message.Key.MemberId, _ => new Window());
        var memberOk = member.TryAdd(now, TimeSpan.FromSeconds(_options.MemberWindowSeconds), _options.MemberMessages);
        var serverOk = true;
        if (message.Key.GuildId is { } guild)
        {
            serverOk = _windows.GetOrAdd("guild:" + guild, _ => new Window())
                .TryAdd(now, TimeSpan.FromSeconds(_options.ServerWindowSeconds), _options.ServerMessages);
        }
        if (memberOk && serverOk) return FloodVerdict.Admitted;
        return member.TakeNotice(now) ? FloodVerdict.NotifyOnce : FloodVerdict.Dropped;
    }

    public int Tracked => _windows.Count;

    /// <summary>Forgets windows idle for longer than an hour (run every ten minutes), so memory stays bounded.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.IdleSince(now) > TimeSpan.FromHours(1)) _windows.TryRemove(key, out _);
        }
    }

    private sealed class Window
    {
        private readonly Lock _gate = new();
        private readonly Queue<DateTimeOffset> _times = new();
        private DateTimeOffset? _noticeAt;
        private DateTimeOffset _last;

        public bool TryAdd(DateTimeOffset now, TimeSpan span, int limit)
        {
            lock (_gate)
            {
                _last = now;
                while (_times.Count > 0 && now - _times.Peek() >= span) _times.Dequeue();
                if (_times.Count >= limit) return false;
                _times.Enqueue(now);
                if (_times.Count == 1) _noticeAt = null;
                return true;
            }
        }

        public bool TakeNotice(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (_noticeAt is not null) return false;
                _noticeAt = now;
                return true;
            }
        }

        public TimeSpan IdleSince(DateTimeOffset now)
        {
            lock (_gate) return now - _last;
        }
    }
}
