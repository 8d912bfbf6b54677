namespace CompanionBot.Vocabulary;

/// <summary>A message as it arrives from any transport, stamped once with the time it was received.</summary>
/// <param name="MessageId">Unique per transport; handling is idempotent by this id.</param>
/// <param name="Key">The relationship this message belongs to.</param>
/// <param name="ChannelId">Where the reply goes.</param>
/// <param name="AuthorName">Display name, for the prompt only.</param>
/// <param name="Text">What the user wrote.</param>
/// <param name="ReceivedAt">Stamped once at the transport boundary; every later step takes it as data.</param>
public sealed record InboundMessage(
    string MessageId,
    RelationshipKey Key,
    string ChannelId,
    string AuthorName,
    string Text,
    DateTimeOffset ReceivedAt);
