using CompanionBot.Appraisal;
using CompanionBot.LanguageModel;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Safety;
using CompanionBot.Replies;
using CompanionBot.Stances;
using CompanionBot.Storage;

namespace CompanionBot.Pipeline;

/// <summary>
/// The real pipeline over a given store and persona with the offline voice: replay, eval and previews. Flood
/// limits are lifted because scripted turns arrive on a simulated clock. A store that keeps history (the in-memory
/// one does) gives the voice its recent replies.
/// </summary>
public static class OfflinePipeline
{
    public static ConversationPipeline Create(ILedgerStore store, PersonaConfig persona, MessageAppraiser appraiser) => new(
        store,
        new FixedPersonaProvider(persona),
        appraiser,
        new RelationshipLedger(),
        new StanceEngine(),
        new PromptComposer(),
        new ReplyWriter(new OfflineChatModel(), new OfflineVoice()),
        new MemberGate(),
        SafetyGate.Unlimited(),
        store as IHistoryStore);
}
