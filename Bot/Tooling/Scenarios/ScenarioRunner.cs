using System.Globalization;
using CompanionBot.Appraisal;
using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Stances;
using CompanionBot.Storage;

namespace CompanionBot.Scenarios;

/// <summary>
/// Runs a scenario through the real pipeline on a simulated clock (a five-day arc replays in milliseconds) with a
/// ledger that lives only for the run, and checks every expectation.
/// </summary>
public sealed class ScenarioRunner(SimulationPipelines pipelines)
{
    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var store = new InMemoryLedgerStore();
        var pipeline = pipelines.Create(store, scenario.Persona);
        var keys = scenario.Users.ToDictionary(u => u.Key, u => scenario.InGuild ? RelationshipKey.InGuild("scenario", u.Value) : RelationshipKey.Dm(u.Value));
        var clock = scenario.Start;
        var turns = new List<TurnOutcome>();
        var failures = new List<string>();
        foreach (var turn in scenario.Turns)
        {
            if (turn.Index > 1) clock += turn.After;
            var message = new InboundMessage($"{scenario.Name}:{turn.Index}", keys[turn.As], "scenario", turn.As, turn.Say, clock);
            var result = await pipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false) is CompanionBot.Pipeline.TurnOutcome.Replied replied
                ? replied.Turn : throw new InvalidOperationException("a scenario turn was not answered");
            var turnFailures = Check(turn, result.Decision, result.Appraisal);
            failures.AddRange(turnFailures.Select(f => $"turn {turn.Index}: {f}"));
            turns.Add(new TurnOutcome(turn.Index, turn.As, turn.Say, result.Decision.StanceName, result.Decision.Rule,
                result.Decision.DirectiveNames, result.Appraisal.Names, Snapshot(result.Change.After), result.Reply.Text, turnFailures)
            {
                Act = result.Decision.Plan.ActName,
                Topic = result.Decision.Plan.Topic,
                Noticed = result.Decision.Plan.Noticed.Select(n => n.Behaviour).ToArray(),
            });
        }
        var final = keys.Where(k => store.Find(k.Value) is not null).ToDictionary(k => k.Key, k => Snapshot(store.Find(k.Value)!));
        foreach (var (user, stages) in scenario.FinalStages)
        {
            var stage = store.Find(keys[user])?.Stage ?? Stage.Stranger;
            if (stages.Count > 0 && !stages.Contains(stage))
            {
                failures.Add($"final: {user} stage {WireNames.Of(stage)} not in [{string.Join(", ", stages.Select(s => WireNames.Of(s)))}]");
            }
        }
        foreach (var c in scenario.Comparisons)
        {
            var high = Dimension(store.Find(keys[c.Higher]), c.Dimension);
            var low = Dimension(store.Find(keys[c.Lower]), c.Dimension);
            if (!(high > low))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"compare: {c.Higher} {c.Dimension} {high:0.###} is not higher than {c.Lower} {low:0.###}"));
            }
        }
        return new ScenarioOutcome(scenario.Name, failures.Count == 0, turns, final, failures);
    }

    private static List<string> Check(ScenarioTurn turn, StanceDecision decision, MessageAppraisal appraisal)
    {
        var failures = new List<string>();
        var e = turn.Expect;
        var stance = decision.StanceName;
        if (e.Stance.Count > 0 && !e.Stance.Contains(decision.Stance))
        {
            failures.Add($"stance {stance} not in [{string.Join(", ", e.Stance.Select(s => WireNames.Of(s)))}]");
        }
        if (e.Not.Contains(decision.Stance)) failures.Add($"stance {stance} is excluded (not: [{string.Join(", ", e.Not.Select(s => WireNames.Of(s)))}])");
        foreach (var d in e.Directives.Where(d => !decision.Has(d))) failures.Add($"directive {WireNames.Of(d)} missing (got [{string.Join(", ", decision.DirectiveNames)}])");
        foreach (var f in e.Flags.Where(f => !appraisal.Names.Contains(f))) failures.Add($"flag {f} missing (got [{string.Join(", ", appraisal.Names)}])");
        var plan = decision.Plan;
        if (e.Acts.Count > 0 && !e.Acts.Contains(plan.Act)) failures.Add($"act {plan.ActName} not in [{string.Join(", ", e.Acts.Select(a => WireNames.Of(a)))}]");
        var noticed = plan.Noticed.Select(n => n.Behaviour).ToList();
        foreach (var n in e.Noticed.Where(n => !noticed.Contains(n))) failures.Add($"noticed {n} missing (got [{string.Join(", ", noticed)}])");
        if (e.Topic is { } topic && !(plan.Topic ?? "").Contains(topic, StringComparison.OrdinalIgnoreCase)) failures.Add($"topic '{plan.Topic}' does not contain '{topic}'");
        return failures;
    }

    private static LedgerSnapshot Snapshot(RelationshipState s) =>
        new(WireNames.Of(s.Stage), Math.Round(s.Familiarity, 3), Math.Round(s.Trust, 3), Math.Round(s.Warmth, 3), Math.Round(s.Friction, 3));

    private static double Dimension(RelationshipState? s, string dimension) => s is null ? 0 : dimension switch
    {
        "familiarity" => s.Familiarity,
        "trust" => s.Trust,
        "warmth" => s.Warmth,
        _ => s.Friction,
    };
}
