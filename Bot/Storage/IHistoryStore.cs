using CompanionBot.Prompting;
using CompanionBot.Stances;

namespace CompanionBot.Storage;

/// <summary>
/// Recent turns per (scope, member), for the prompt's history window. Capped per relationship, deleted with the
/// rest of the member's data (/reset, /forget), and never holding a turn that needed crisis resources.
/// </summary>
public interface IHistoryStore
{
    /// <summary>The newest turns of this relationship, oldest first; at most <paramref name="max"/>.</summary>
    IReadOnlyList<ChatTurn> Recent(RelationshipKey key, int max);

    /// <summary>The exchange to keep with the turn's other writes, or null when nothing is kept (crisis care, history off).</summary>
    HistoryEntry? EntryFor(StanceDecision decision, string userText, string replyText, DateTimeOffset at);

}
