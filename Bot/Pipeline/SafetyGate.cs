using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Stances;

namespace CompanionBot.Pipeline;

/// <summary>
/// The pipeline's safety edges: flood limits (never for a crisis message). Crisis referrals are counted by
/// <c>Storage.TurnCounters</c>, once, under the one counters naming scheme.
/// </summary>
public sealed class SafetyGate(FloodGuard flood)
{
    public const string FloodRule = "safety.flood";
    public const string SlowDown = "(You're sending a lot at once. I'll catch up with your next message in a moment.)";

    /// <summary>For simulations (replay, eval, bench): scripted messages on a simulated clock are never flood.</summary>
    public static SafetyGate Unlimited() =>
        new(new FloodGuard(Microsoft.Extensions.Options.Options.Create(new FloodOptions { MemberMessages = 1_000_000, ServerMessages = 1_000_000 })));

    public FloodVerdict Admit(InboundMessage message, MessageAppraisal appraisal) =>
        appraisal.Has(Signal.Crisis) ? FloodVerdict.Admitted : flood.Check(message);

    /// <summary>The one "slow down" note a flooding member gets per window; the ledger does not move.</summary>
    public static TurnResult Throttled(InboundMessage message, MessageAppraisal appraisal, RelationshipState state, Personas.PersonaConfig persona)
    {
        var decision = new StanceDecision(Stance.Deflect, [], FloodRule, ["too many messages at once: one note, then quiet until the window passes"]);
        return new TurnResult(message, appraisal, new RelationshipChange(state, state), decision,
            new ChatPrompt("", [], "", persona.Model), new OutboundReply(ReplyFormatter.Format(SlowDown), ReplySource.Offline));
    }
}
