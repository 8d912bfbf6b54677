using CompanionBot.Common;
using Microsoft.Extensions.Logging;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>What every shard of this process shares.</summary>
public sealed record GatewayContext(
    string Token,
    GatewayUrl GatewayUrl,
    TimeProvider Time,
    IRandomSource Jitter,
    IdentifyThrottle Throttle,
    IGatewayEventSink Sink,
    HeartbeatFile HeartbeatFile,
    SessionFile Sessions,
    SecretRedactor Redactor,
    GatewayIntents Intents,
    ILogger Logger,
    CancellationToken Stopping);
