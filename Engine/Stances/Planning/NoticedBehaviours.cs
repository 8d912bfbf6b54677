using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>
/// The behaviours the companion has noticed in a relationship, read from the ledger's notable moments and counters
/// (never from message text). Each moment kind maps to one behaviour name; repeats are counted, newest last.
/// </summary>
public static class NoticedBehaviours
{
    public static IReadOnlyList<NoticedBehaviour> From(RelationshipState state)
    {
        var noticed = new List<NoticedBehaviour>();
        foreach (var group in state.Moments.Where(m => BehaviourNames.ByMoment.ContainsKey(m.Kind)).GroupBy(m => BehaviourNames.ByMoment[m.Kind]))
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
