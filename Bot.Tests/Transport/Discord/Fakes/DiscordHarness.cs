using System.Text.Json.Nodes;
using CompanionBot.Hosting;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Tests.Transport.Discord.Fakes;

/// <summary>
/// The real transport and the real pipeline, built through the real DI (AddCompanionBot + AddDiscordTransport, a temp
/// SQLite file), pointed at a <see cref="FakeDiscord"/>, on a manual clock with fixed jitter (0.5).
/// </summary>
public sealed class DiscordHarness : IAsyncDisposable
{
    public const string Token = "test.token.DO-NOT-LOG";

    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory;
    private readonly ServiceProvider _services;
    private bool _killed;

    private DiscordHarness(FakeDiscord fake, SignallingClock clock, string directory, ServiceProvider services, Signals<string> logs)
    {
        Logs = logs;
        Fake = fake;
        Clock = clock;
        _directory = directory;
        _services = services;
        Run = services.GetRequiredService<IDiscordTransport>().RunAsync(_stop.Token);
    }

    public FakeDiscord Fake { get; }

    public SignallingClock Clock { get; }

    public Task<DiscordRunResult> Run { get; }

    public IServiceProvider Services => _services;

    /// <summary>Every log line the bot wrote, formatted.</summary>
    public Signals<string> Logs { get; }

    public static Task<DiscordHarness> StartAsync(Action<FakeDiscord>? arrange = null, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, Action<FakeDiscord, string>? files = null) =>
        StartAsync(null, null, arrange, services, settings, files);

    /// <summary>
    /// Simulates SIGKILL in-process: the fake drops the bot's socket without a close frame and refuses its reconnects,
    /// and once the bot sits in its reconnect backoff its services are thrown away without a clean stop, so no close
    /// 1000 reaches Discord and the session file keeps what the dead process last wrote. The fake and the data
    /// directory (database, session file) survive for <see cref="RestartAsync"/>.
    /// </summary>
    public async Task KillAsync()
    {
        var armed = Clock.Armed.Count;
        var requests = Fake.Requests.Count;
        Fake.RefuseAllConnections = true;
        Fake.DropAllConnections();
        await Fake.Requests.WaitForAsync(r => r.Status == 503 && r.Path.StartsWith("gateway", StringComparison.Ordinal), "a refused reconnect", requests);
        await Clock.Armed.WaitForAsync(d => d > TimeSpan.Zero && d < TimeSpan.FromSeconds(30), "the reconnect backoff (not the 30 s connect timeout)", armed);
        _killed = true;
        await _stop.CancelAsync();
        await Run.WaitAsync(Signals<int>.Guard);
        Fake.RefuseAllConnections = false;
    }

    /// <summary>
    /// What the host does on SIGTERM, in its order: every lifecycle service's StoppingAsync (the graceful stop: bursts
    /// close, what arrived is answered), then the transport is stopped, then StoppedAsync. <paramref name="meanwhile"/>
    /// runs after the stopping step, while the gateway is still open. The fake and the data directory survive for
    /// <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopGracefullyAsync(Func<Task>? meanwhile = null)
    {
        var lifecycle = _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Microsoft.Extensions.Hosting.IHostedLifecycleService>().ToList();
        using var timeout = new CancellationTokenSource(Signals<int>.Guard);
        foreach (var service in lifecycle) await service.StoppingAsync(timeout.Token);
        if (meanwhile is not null) await meanwhile();
        _killed = true;
        await _stop.CancelAsync();
        await Run.WaitAsync(Signals<int>.Guard);
        foreach (var service in lifecycle) await service.StoppedAsync(timeout.Token);
    }

    /// <summary>A new process on the same fake Discord and the same data directory (after <see cref="KillAsync"/> or <see cref="StopGracefullyAsync"/>).</summary>
    public Task<DiscordHarness> RestartAsync() => StartAsync(Fake, _directory, null, null, null, null);

    private static async Task<DiscordHarness> StartAsync(FakeDiscord? existing, string? existingDirectory, Action<FakeDiscord>? arrange, Action<IServiceCollection>? services, IDictionary<string, string?>? settings, Action<FakeDiscord, string>? files)
    {
        var clock = new SignallingClock();
        var fake = existing ?? await FakeDiscord.StartAsync();
        fake.Clock = clock;
        arrange?.Invoke(fake);
        var directory = existingDirectory ?? Path.Combine(Path.GetTempPath(), "companion-discord-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        files?.Invoke(fake, directory);
        var config = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:HeartbeatFile"] = Path.Combine(directory, "heartbeat"),
            ["Discord:CommandHashFile"] = Path.Combine(directory, "commands.sha256"),
            ["Discord:SessionFile"] = Path.Combine(directory, "session.json"),
            ["Storage:DatabasePath"] = Path.Combine(directory, "companion.db"),
            // Each message its own turn unless a test turns bursts on (they wait on the injected clock).
            ["Conversation:BurstQuietSeconds"] = "0",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var collection = new ServiceCollection();
        var logs = new Signals<string>();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logs)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        collection.AddCompanionBot(configuration);
        collection.AddDiscordTransport();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<CompanionBot.Common.IRandomSource>(new FixedJitter(0.5));
        services?.Invoke(collection);
        return new DiscordHarness(fake, clock, directory, collection.BuildServiceProvider(), logs);
    }

    /// <summary>Waits for the first connection, the Identify, and the bot's reaction to READY (the command registration).</summary>
    public async Task<FakeGatewayConnection> ReadyAsync()
    {
        var connection = await Fake.ConnectionAsync(0);
        await connection.WaitForOpAsync(2);
        await Fake.Requests.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), "command registration after READY");
        return connection;
    }

    public static JsonObject Message(string id, string content, string? guildId = null, string authorId = "100000000000000001", string channelId = "300000000000000001", JsonArray? mentions = null, bool bot = false)
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["channel_id"] = channelId,
            ["type"] = 0,
            ["content"] = content,
            ["author"] = new JsonObject { ["id"] = authorId, ["username"] = "sam", ["bot"] = bot },
            ["mentions"] = mentions ?? new JsonArray(),
        };
        if (guildId is not null) message["guild_id"] = guildId;
        return message;
    }

    public Task<RecordedRequest> ReplyToAsync(string messageId) =>
        Fake.Requests.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200
            && (string?)r.Body?["message_reference"]?["message_id"] == messageId, $"a reply to message {messageId}");

    public IReadOnlyList<RecordedRequest> RepliesTo(string messageId) =>
        [.. Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200
            && (string?)r.Body?["message_reference"]?["message_id"] == messageId)];

    public async Task<DiscordRunResult> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(Signals<int>.Guard);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in Logs.Snapshot()) await TestContext.Out.WriteLineAsync(line); // shown by the runner when a test fails
        await TestContext.Out.WriteLineAsync("timers armed: " + string.Join(", ", Clock.Armed.Snapshot().Select(t => t.TotalSeconds)));
        if (!Run.IsCompleted) await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(Signals<int>.Guard);
        }
        catch (TimeoutException)
        {
        }
        await _services.DisposeAsync();
        _stop.Dispose();
        if (_killed) return; // the restarted process owns the fake and the directory now
        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ListLoggerProvider(Signals<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(Signals<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
