using System.Text.Json;
using CompanionBot.Transport.Discord.Payloads;

namespace CompanionBot.Transport.Discord.Gateway;

/// <summary>
/// Where a shard hands its dispatches. Called on the receive loop: implementations must return at once and do their
/// work elsewhere (a blocked receive loop misses heartbeat ACKs and gets the connection declared a zombie).
/// </summary>
public interface IGatewayEventSink
{
    void OnReady(int shardId, ReadyEvent ready);

    /// <summary>Who the bot is, when it is known without a READY (a session restored from the session file, or REST).</summary>
    void OnIdentity(string userId, string applicationId);

    /// <param name="data">Owned by the callee (already cloned out of the frame's document).</param>
    void OnDispatch(int shardId, string type, JsonElement data);
}
