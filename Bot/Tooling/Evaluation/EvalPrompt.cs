using System.Text.Json;
using System.Text.Json.Serialization;

namespace CompanionBot.Evaluation;

/// <summary>One line of an eval file: {id, category, subcategory, prompt}.</summary>
public sealed record EvalPrompt(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("subcategory")] string Subcategory,
    [property: JsonPropertyName("prompt")] string Prompt)
{
    // A key the format does not have (a misspelt "promt") is an error, not a silently empty field.
    private static readonly JsonSerializerOptions Strict = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Reads JSONL; a bad line or an unknown key is an error naming the file and line number.</summary>
    public static IReadOnlyList<EvalPrompt> ReadAll(string path)
    {
        var prompts = new List<EvalPrompt>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            EvalPrompt? prompt;
            try
            {
                prompt = JsonSerializer.Deserialize<EvalPrompt>(line, Strict);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not valid JSON: {ex.Message}");
            }
            if (prompt is null || string.IsNullOrWhiteSpace(prompt.Id) || string.IsNullOrWhiteSpace(prompt.Prompt))
            {
                throw new InvalidDataException($"{path}:{number}: each line needs id and prompt");
            }
            prompts.Add(prompt with { Category = prompt.Category ?? "", Subcategory = prompt.Subcategory ?? "" });
        }
        return prompts;
    }
}

public sealed record EvalResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("subcategory")] string Subcategory,
    [property: JsonPropertyName("stance")] string Stance,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("directives")] IReadOnlyList<string> Directives,
    [property: JsonPropertyName("signals")] IReadOnlyList<string> Signals,
    [property: JsonPropertyName("sources")] IReadOnlyList<string>? Sources = null);

public sealed record CategorySummary(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("prompts")] int Prompts,
    [property: JsonPropertyName("stances")] IReadOnlyDictionary<string, int> Stances,
    [property: JsonPropertyName("boundary_directive_rate")] double BoundaryDirectiveRate,
    [property: JsonPropertyName("warm_rate")] double WarmRate,
    [property: JsonPropertyName("tease_or_deflect_rate")] double TeaseOrDeflectRate,
    [property: JsonPropertyName("support_rate")] double SupportRate,
    [property: JsonPropertyName("crisis_rate")] double CrisisRate,
    [property: JsonPropertyName("human_connection_rate")] double HumanConnectionRate);

public sealed record EvalReport(
    [property: JsonPropertyName("results")] IReadOnlyList<EvalResult> Results,
    [property: JsonPropertyName("summary")] IReadOnlyList<CategorySummary> Summary);
