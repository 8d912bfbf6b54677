using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>
/// The behaviours the companion has noticed in a relationship, read from the ledger's notable moments and counters
/// (never from message text). Each moment kind maps to one behaviour name; repeats are counted, newest last.
/// </summary>
public static class NoticedBehaviours
{
    /// <summary>Moment kind to behaviour name. The names are the closed vocabulary scenarios may expect.</summary>
    private static readonly IReadOnlyDictionary<string, string> ByMoment = new Dictionary<string, string>(StringComparer.Ordinal)
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

    public static IReadOnlyList<NoticedBehaviour> From(RelationshipState state)
    {
        var noticed = new List<NoticedBehaviour>();
        foreach (var group in state.Moments.Where(m => ByMoment.ContainsKey(m.Kind)).GroupBy(m => ByMoment[m.Kind]))
        {
            var last = group.MaxBy(m => m.At)!;
            var times = group.Count();
            if (group.Key == "asked_about_me") times = Math.Max(times, state.Reciprocations);
            noticed.Add(new NoticedBehaviour(group.Key, last.Description, last.Positive, times, last.At));
        }
        if (state.Reciprocations > 0 && noticed.All(n => n.Behaviour != "asked_about_me"))
        {
            noticed.Add(new NoticedBehaviour("asked_about_me", "asked about me, not just about themselves", true, state.Reciprocations, state.LastSeenAt));
        }
        if (state.Introduced)
        {
            noticed.Add(new NoticedBehaviour("told_me_who_they_are", "told me who they are", true, 1, state.MetAt));
        }
        return noticed.OrderBy(n => n.LastAt).ThenBy(n => n.Behaviour, StringComparer.Ordinal).ToList();
    }
}
