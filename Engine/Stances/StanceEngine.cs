using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Stances.Rules;

namespace CompanionBot.Stances;

/// <summary>
/// Chooses the stance for one message (pure: time is a parameter). Safety rules in code first (they cannot be
/// configured away), then the persona's own rules (data over a closed vocabulary of facts), then the defaults, then
/// care under uncertainty (<see cref="Careful"/>); the floor's directives are added on top of whichever answered. The
/// decision names its rule, carries a trace and the reply plan (the act answered, the topic, the behaviours noticed,
/// the open question).
/// </summary>
public sealed class StanceEngine
{
    /// <param name="text">The message, for the shape of the act (who a question is about) and its topic.</param>
    public StanceDecision Decide(RelationshipState state, MessageAppraisal appraisal, PersonaConfig persona, DateTimeOffset now, string text = "")
    {
        var act = ActReader.Read(appraisal, text);
        var context = new DecisionContext(state, appraisal, persona, now) { Act = act, Noticed = NoticedBehaviours.From(state) };
        var trace = new List<string>();
        var verdict = SafetyRules.Evaluate(context) ?? PersonaRule(context, trace) ?? DefaultRules.Evaluate(context);
        verdict = Careful.Apply(verdict, context, trace);
        trace.Insert(0, verdict.Reason);
        var directives = Overlays.Apply(verdict, context, trace);
        return new StanceDecision(verdict.Stance, directives, verdict.Rule, trace) { Plan = ReplyPlanner.Plan(act, text, appraisal, state) };
    }

    private static Verdict? PersonaRule(DecisionContext c, List<string> trace)
    {
        if (c.Persona.Rules.Count == 0) return null;
        var facts = FactSnapshot.Of(c.State, c.Appraisal, c.Now);
        foreach (var rule in c.Persona.Rules)
        {
            var ruleTrace = new List<string>();
            if (!rule.When.Evaluate(facts, ruleTrace)) continue;
            trace.AddRange(ruleTrace);
            return new Verdict(rule.Stance, rule.Directives, "persona." + rule.Name, $"the server's persona rule '{rule.Name}' matched");
        }
        return null;
    }
}
