using CompanionBot.Pipeline;
using CompanionBot.Transport.Discord.Payloads;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Handles one kind of gateway event off the receive loop (the responder pattern of Remora's IResponder and MODiX's
/// notification handlers). Each call runs in its own DI scope with a timeout; a failure is logged and contained by
/// <see cref="BackgroundWork"/>.
/// </summary>
public interface IDiscordResponder<in TEvent>
{
    Task RespondAsync(TEvent gatewayEvent, CancellationToken ct);
}

/// <summary>An interaction with the moment it arrived (Discord's 3 s count from then).</summary>
public sealed record ReceivedInteraction(InteractionCreate Interaction, DateTimeOffset ReceivedAt);

/// <summary>A message the bot decided to answer, as the pipeline sees it.</summary>
public sealed class MessageResponder(DiscordMessageHandler handler) : IDiscordResponder<InboundMessage>
{
    public Task RespondAsync(InboundMessage gatewayEvent, CancellationToken ct) => handler.ReplyAsync(gatewayEvent, ct);
}

/// <summary>A slash command or a pressed button.</summary>
public sealed class InteractionResponder(DiscordInteractionHandler handler) : IDiscordResponder<ReceivedInteraction>
{
    public Task RespondAsync(ReceivedInteraction gatewayEvent, CancellationToken ct) => handler.HandleAsync(gatewayEvent.Interaction, gatewayEvent.ReceivedAt, ct);
}
