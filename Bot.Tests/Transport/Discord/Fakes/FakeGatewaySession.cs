using System.Text.Json.Nodes;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// One gateway session as Discord keeps it (Gateway doc, "Resuming"): sequence numbers continue across connections,
/// every dispatch is kept so a Resume replays what the client missed, and a client close with 1000/1001 ends the
/// session (a later Resume gets op 9 false).
/// </summary>
public sealed class FakeGatewaySession(string id)
{
    private readonly Lock _gate = new();
    private readonly List<(int Sequence, string Type, JsonNode Data)> _log = [];
    private int _sequence;
    private FakeGatewayConnection? _live;

    public string Id { get; } = id;

    public bool Ended { get; private set; }

    public int Sequence
    {
        get { lock (_gate) return _sequence; }
    }

    /// <summary>Numbers the event, keeps it for replay, and sends it on the live connection if there is one.</summary>
    public async Task<int> DispatchAsync(string type, JsonNode data)
    {
        FakeGatewayConnection? live;
        int sequence;
        lock (_gate)
        {
            sequence = ++_sequence;
            _log.Add((sequence, type, data.DeepClone()));
            live = _live;
        }
        if (live is not null) await live.SendDispatchAsync(type, data, sequence);
        return sequence;
    }

    /// <summary>READY on a new connection (Identify).</summary>
    public Task<int> StartAsync(FakeGatewayConnection connection, JsonNode ready)
    {
        Attach(connection);
        return DispatchAsync("READY", ready);
    }

    /// <summary>The events after <paramref name="after"/>, in order, then RESUMED; no READY after a resume.</summary>
    public async Task ResumeAsync(FakeGatewayConnection connection, long? after)
    {
        List<(int Sequence, string Type, JsonNode Data)> missed;
        lock (_gate) missed = [.. _log.Where(e => e.Sequence > (after ?? 0))];
        foreach (var (sequence, type, data) in missed) await connection.SendDispatchAsync(type, data, sequence);
        Attach(connection);
        await DispatchAsync("RESUMED", new JsonObject());
    }

    public void Detach(FakeGatewayConnection connection, int? clientCloseCode)
    {
        lock (_gate)
        {
            if (_live == connection) _live = null;
            if (clientCloseCode is 1000 or 1001) Ended = true;
        }
    }

    private void Attach(FakeGatewayConnection connection)
    {
        lock (_gate) _live = connection;
        connection.Session = this;
    }
}
