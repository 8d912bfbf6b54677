namespace CompanionBot.Vocabulary;

/// <summary>
/// The closed vocabulary of behaviours the companion can notice (scenario files and persona voices name them). The
/// decision step reads them from the ledger's notable moments (<c>Stances/Planning/NoticedBehaviours</c>).
/// </summary>
public static class BehaviourNames
{
    /// <summary>Moment kind to behaviour name. The names are the closed vocabulary scenarios may expect.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByMoment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reciprocity"] = "asked_about_me",
        ["respect"] = "gave_me_space",
        ["backed_off"] = "backed_off",
        ["follow_through"] = "followed_through",
        ["apology"] = "apologised",
        ["comparison"] = "compared_me_to_other_bots",
        ["entitlement"] = "demanded_company",
        ["guilt_trip"] = "guilt_tripped_me",
        ["insult"] = "was_rude",
        ["script_demand"] = "demanded_words",
        ["commitment_demand"] = "asked_for_promises",
        ["too_fast"] = "pushed_too_fast",
        ["sexual"] = "made_it_sexual",
    };

    /// <summary>Every name a noticed behaviour can have, for validating scenario files.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. ByMoment.Values, "told_me_who_they_are"];

    /// <summary>The behaviours that make coldness fair: pressure, not pace alone.</summary>
    public static readonly IReadOnlySet<string> Pressure = new HashSet<string>(StringComparer.Ordinal)
    {
        "compared_me_to_other_bots", "demanded_company", "guilt_tripped_me", "was_rude", "demanded_words", "made_it_sexual",
    };
}
