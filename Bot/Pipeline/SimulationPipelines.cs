using CompanionBot.Appraisal;
using CompanionBot.LanguageModel;
using CompanionBot.Personas;
using CompanionBot.Replies;
using CompanionBot.Storage;
using CompanionBot.Turn;

namespace CompanionBot.Pipeline;

/// <summary>
/// The real pipeline for simulations (replay, eval, /persona preview), built from the composition root's engine
/// parts over a given store and persona: the offline voice, the store's own history when it keeps one (so the voice does not repeat itself), flood limits lifted and every message its own
/// turn, because scripted turns arrive on a simulated clock. Registered by the root; the only place this wiring lives.
/// </summary>
public sealed class SimulationPipelines(MessageAppraiser appraiser, TurnPlanner planner, OfflineVoice voice)
{
    public ConversationPipeline Create(ILedgerStore store, PersonaConfig persona) => new(
        store,
        new FixedPersonaProvider(persona),
        appraiser,
        planner,
        new ReplyWriter(new OfflineChatModel(), voice),
        new MemberGate(),
        SafetyGate.Unlimited(),
        Bursts.Off(),
        history: store as IHistoryStore);
}
