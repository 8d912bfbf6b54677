using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>
/// The embedded voice when no model answers: it writes from the turn's plan. A reply is composed of parts: an
/// acknowledgement of what was said (by act and topic; a question about the companion is answered from the
/// persona's facts), one move per directive that matters most, and a question back when the turn calls for one.
/// Lines come from the persona's phrase banks, filtered by act, stance, directive, stage, message number and
/// whether the member said who they are, so no line contradicts the turn. A sentence said in the last several
/// replies to this person is not said again. Choices come from the injected random source, or, without one, from a
/// hash of the relationship and the turn, so replay and tests read the same every time.
/// </summary>
public sealed class OfflineVoice(IRandomSource? random = null)
{
    /// <summary>Directives the voice carries out, most important first; at most <see cref="MaxMoves"/> per reply.</summary>
    private static readonly Directive[] MoveOrder =
    [
        Directive.RefuseScript, Directive.NoCommitment, Directive.CallOutEntitlement, Directive.NoRomance, Directive.AcknowledgeRepair,
        Directive.NameThePace, Directive.AiHonesty, Directive.CheckIn, Directive.EncourageHumanConnection, Directive.KeepDoorOpen,
    ];

    private static readonly ReplyAct[] AskAfter =
        [ReplyAct.Greeting, ReplyAct.Introduction, ReplyAct.News, ReplyAct.Kindness, ReplyAct.SmallTalk, ReplyAct.Thanks, ReplyAct.QuestionAboutMe, ReplyAct.Banter];

    private const int MaxMoves = 2;

    public OfflineVoice() : this(null)
    {
    }

    /// <summary>The stance's own line, without plan or history (kept for callers that only have a decision).</summary>
    public string Line(PersonaConfig persona, StanceDecision decision, RelationshipState state) =>
        Write(persona, decision, state, [], "");

    /// <param name="recentReplies">The companion's last replies to this person, oldest first (from the stored history).</param>
    /// <param name="userText">The member's message, for matching the persona's facts and opinions.</param>
    public string Write(PersonaConfig persona, StanceDecision decision, RelationshipState state, IReadOnlyList<string> recentReplies, string userText)
    {
        var picker = new PhrasePicker(persona.VoiceBank, decision, state, recentReplies, random);
        var plan = decision.Plan;
        var parts = new List<string>();

        var answer = plan.Act is ReplyAct.QuestionAboutMe or ReplyAct.Question
            ? picker.Pick(FactAnswers.For(persona.VoiceBank, userText, plan.Topic), "fact")
            : null;
        Add(parts, answer ?? picker.Phrase(PhrasePart.Acknowledge, null));

        var moves = 0;
        foreach (var directive in MoveOrder.Where(decision.Has))
        {
            if (moves == MaxMoves || directive == Directive.KeepDoorOpen && parts.Count + moves >= 2) break;
            if (picker.Phrase(PhrasePart.Move, directive) is { } move)
            {
                Add(parts, move);
                moves++;
            }
        }

        var wantsQuestion = decision.Has(Directive.AskBack)
            || AskAfter.Contains(plan.Act) && decision.Stance is Stance.Warm or Stance.Tease;
        if (wantsQuestion && !parts.Any(p => p.Contains('?'))) Add(parts, picker.Phrase(PhrasePart.Ask, null));

        if (parts.Count == 0) Add(parts, picker.Pick(persona.OfflineLines.GetValueOrDefault(decision.Stance) ?? [], "fallback"));
        return parts.Count == 0 ? "..." : string.Join(" ", parts);
    }

    private static void Add(List<string> parts, string? part)
    {
        if (!string.IsNullOrWhiteSpace(part)) parts.Add(part.Trim());
    }
}
