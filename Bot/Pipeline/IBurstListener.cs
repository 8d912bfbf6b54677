namespace CompanionBot.Pipeline;

/// <summary>
/// Told when a message starts waiting in a burst, so a transport can show that the companion is "typing" while it
/// waits for the member to finish (the Discord typing indicator). Called on the message's own handling path, once the message has joined its burst.
/// </summary>
public interface IBurstListener
{
    void Gathering(InboundMessage message);
}
