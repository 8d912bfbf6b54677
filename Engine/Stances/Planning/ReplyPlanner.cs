using CompanionBot.Appraisal;
using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>Builds the reply plan for one message: pure, deterministic, from the appraisal, the text and the ledger.</summary>
public static class ReplyPlanner
{
    public static ReplyPlan Plan(ReplyAct act, string text, MessageAppraisal appraisal, RelationshipState state)
    {
        // Nothing of a crisis message is carried further than it has to be: no topic pulled out of it.
        var topic = appraisal.Has(Signal.Crisis) ? null : TopicFinder.Find(text, act);
        var own = state.OpenQuestions.OrderBy(q => q.AskedAt).FirstOrDefault();
        return new ReplyPlan(act, topic, NoticedBehaviours.From(state), own);
    }
}
