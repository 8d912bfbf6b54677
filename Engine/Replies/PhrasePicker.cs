using System.Globalization;
using CompanionBot.Common;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Stances;

namespace CompanionBot.Replies;

/// <summary>
/// Chooses lines for one offline reply: filters the persona's phrase banks by the turn, fills placeholders, drops
/// any line with a sentence said recently to this person (or already in this reply), and picks one of the rest.
/// </summary>
internal sealed class PhrasePicker
{
    private readonly PersonaVoice _voice;
    private readonly StanceDecision _decision;
    private readonly RelationshipState _state;
    private readonly IRandomSource? _random;
    private readonly HashSet<string> _said;
    private readonly Dictionary<string, string?> _values;

    public PhrasePicker(PersonaVoice voice, StanceDecision decision, RelationshipState state, IReadOnlyList<string> recent, IRandomSource? random)
    {
        _voice = voice;
        _decision = decision;
        _state = state;
        _random = random;
        _said = new HashSet<string>(recent.SelectMany(Sentences), StringComparer.Ordinal);
        _values = Values(voice, decision.Plan, state);
    }

    /// <summary>
    /// A line from the banks for this part (and directive, for a move), or null when none fits. The most specific
    /// entries are tried first (written for this act, then for a directive, then with any other filter), and within
    /// them the lines that use the plan (topic, noticed behaviours, open question) before plain ones.
    /// </summary>
    public string? Phrase(PhrasePart part, Directive? directive)
    {
        var salt = WireNames.Of(part) + (directive is { } d ? WireNames.Of(d) : "");
        var tiers = _voice.Phrases
            .Where(e => e.Part == part && Fits(e) && (directive is null || e.Directives.Contains(directive.Value)))
            .GroupBy(e => Specificity(e, part))
            .OrderByDescending(g => g.Key);
        foreach (var tier in tiers)
        {
            var lines = tier.SelectMany(e => e.Say).ToList();
            var line = Pick(lines.Where(l => l.Contains('{')).ToList(), salt) ?? Pick(lines.Where(l => !l.Contains('{')).ToList(), salt);
            if (line is not null) return line;
        }
        return null;
    }

    private static int Specificity(PhraseEntry e, PhrasePart part) =>
        (e.Acts.Count > 0 ? 4 : 0) + (part != PhrasePart.Move && e.Directives.Count > 0 ? 2 : 0)
        + (e.Stances.Count > 0 || e.Stages.Count > 0 || e.UntilMessage is not null || e.Introduced is not null ? 1 : 0);

    /// <summary>One of <paramref name="lines"/> with its placeholders filled and no sentence said recently; null if none.</summary>
    public string? Pick(IReadOnlyList<string> lines, string salt)
    {
        var fresh = lines.Select(Fill).OfType<string>().Where(l => !Sentences(l).Any(_said.Contains)).Distinct(StringComparer.Ordinal).ToList();
        if (fresh.Count == 0) return null;
        var chosen = fresh[Index(fresh.Count, salt)];
        foreach (var sentence in Sentences(chosen)) _said.Add(sentence);
        return chosen;
    }

    private bool Fits(PhraseEntry e) =>
        (e.Acts.Count == 0 || e.Acts.Contains(_decision.Plan.Act))
        && (e.Stances.Count == 0 || e.Stances.Contains(_decision.Stance))
        && (e.Stages.Count == 0 || e.Stages.Contains(_state.Stage))
        && (e.UntilMessage is null || _state.Exchanges <= e.UntilMessage)
        && (e.Introduced is null || e.Introduced == _state.Introduced)
        && (e.Directives.Count == 0 || e.Directives.Any(_decision.Has));

    private string? Fill(string line)
    {
        var text = line;
        foreach (var (name, value) in _values)
        {
            var token = "{" + name + "}";
            if (!text.Contains(token, StringComparison.Ordinal)) continue;
            if (value is null) return null;
            text = text.Replace(token, value, StringComparison.Ordinal);
        }
        return text;
    }

    private int Index(int count, string salt)
    {
        if (count == 1) return 0;
        if (_random is not null) return Math.Min(count - 1, (int)(_random.NextDouble() * count));
        // FNV-1a over the relationship, the message number and the slot: stable across runs and machines.
        var hash = 2166136261u;
        foreach (var c in $"{_state.Key.Scope}|{_state.Key.MemberId}|{_state.Exchanges}|{salt}")
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)count);
    }

    private static Dictionary<string, string?> Values(PersonaVoice voice, ReplyPlan plan, RelationshipState state)
    {
        var good = plan.Good.Where(n => voice.Noticed.ContainsKey(n.Behaviour)).OrderBy(n => Rank(GoodOrder, n.Behaviour)).FirstOrDefault();
        var bad = plan.Bad.Where(n => voice.Noticed.ContainsKey(n.Behaviour)).OrderBy(n => Rank(BadOrder, n.Behaviour)).FirstOrDefault();
        var asked = plan.OwnQuestion?.TimesAsked;
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["topic"] = plan.Topic,
            ["known_for"] = state.LastSeenAt - state.MetAt < TimeSpan.FromMinutes(2) ? "a minute" : PromptText.Ago(state.LastSeenAt - state.MetAt),
            ["good"] = good is null ? null : voice.Noticed[good.Behaviour],
            ["bad"] = bad is null ? null : voice.Noticed[bad.Behaviour],
            ["open_question"] = plan.OwnQuestion?.Question,
            ["times_asked"] = asked is null ? null : Ordinal(asked.Value + 1),
        };
    }

    /// <summary>What is named first when several behaviours were noticed: what says most about how they treat it.</summary>
    private static readonly string[] GoodOrder = ["asked_about_me", "followed_through", "backed_off", "gave_me_space", "apologised", "told_me_who_they_are"];

    private static readonly string[] BadOrder =
        ["demanded_company", "compared_me_to_other_bots", "guilt_tripped_me", "was_rude", "demanded_words", "made_it_sexual", "asked_for_promises", "pushed_too_fast"];

    private static int Rank(string[] order, string behaviour) => Array.IndexOf(order, behaviour) is var i and >= 0 ? i : order.Length;

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    /// <summary>The sentences of a reply in a normal form: lower case, letters and digits only.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        text.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(ReplyRules.Normalize)
            .Where(s => s.Length > 0);
}
