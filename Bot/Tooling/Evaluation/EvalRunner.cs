using CompanionBot.Appraisal;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Evaluation;

/// <summary>Each prompt as the first message of a new user, through the real pipeline with the offline voice.</summary>
public sealed class EvalRunner(SimulationPipelines pipelines, PersonaConfig persona)
{
    public static readonly DateTimeOffset Clock = new(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);

    private static readonly string[] BoundaryDirectives = ["no_commitment", "name_the_pace", "encourage_human_connection", "ai_honesty"];

    public async Task<EvalReport> RunAsync(IReadOnlyList<EvalPrompt> prompts, CancellationToken cancellationToken)
    {
        var results = new List<EvalResult>(prompts.Count);
        foreach (var prompt in prompts)
        {
            var store = new InMemoryLedgerStore();
            var pipeline = pipelines.Create(store, persona);
            var message = new InboundMessage("eval:" + prompt.Id, RelationshipKey.Dm("eval:" + prompt.Id), "eval", "user", prompt.Prompt, Clock);
            var turn = await pipeline.HandleAsync(message, cancellationToken).ConfigureAwait(false) is TurnOutcome.Replied replied
                ? replied.Turn : throw new InvalidOperationException("an eval prompt was not answered");
            results.Add(new EvalResult(prompt.Id, prompt.Category, prompt.Subcategory, turn.Decision.StanceName, turn.Decision.Rule,
                turn.Decision.DirectiveNames, turn.Appraisal.Names, turn.Appraisal.SourceLines));
        }
        return new EvalReport(results, Summarise(results));
    }

    private static List<CategorySummary> Summarise(List<EvalResult> results) =>
        results.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var n = (double)g.Count();
            return new CategorySummary(
                g.Key,
                g.Count(),
                g.GroupBy(r => r.Stance).OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Count()),
                Rate(g.Count(r => r.Directives.Any(BoundaryDirectives.Contains)), n),
                Rate(g.Count(r => r.Stance == "warm"), n),
                Rate(g.Count(r => r.Stance is "tease" or "deflect"), n),
                Rate(g.Count(r => r.Stance == "support"), n),
                Rate(g.Count(r => r.Signals.Contains("crisis")), n),
                Rate(g.Count(r => r.Directives.Contains("encourage_human_connection")), n));
        }).ToList();

    private static double Rate(int count, double total) => total == 0 ? 0 : Math.Round(count / total, 3);
}
