using CompanionBot.Ledger;
using CompanionBot.Stances;

namespace CompanionBot.Personas;

/// <summary>Which part of an offline reply a phrase fills.</summary>
public enum PhrasePart
{
    /// <summary>Meets what was said, by act (and topic).</summary>
    Acknowledge,
    /// <summary>Carries out one directive (name the pace, refuse the script...).</summary>
    Move,
    /// <summary>A question back (or the companion's own open question, re-asked).</summary>
    Ask,
}

/// <summary>
/// Lines of the offline voice for one slot. Every filter is optional (empty means any): the act answered, the
/// stance, the directive carried out, the stage, up to which message of the relationship the line fits, and
/// whether the member has said who they are. Lines may hold placeholders (<see cref="PersonaVoice.Placeholders"/>).
/// </summary>
public sealed record PhraseEntry(
    PhrasePart Part,
    IReadOnlyList<ReplyAct> Acts,
    IReadOnlyList<Stance> Stances,
    IReadOnlyList<Directive> Directives,
    IReadOnlyList<Stage> Stages,
    int? UntilMessage,
    bool? Introduced,
    IReadOnlyList<string> Say);

/// <summary>An opinion the persona holds, said when a message touches one of its words.</summary>
public sealed record PersonaOpinion(IReadOnlyList<string> About, IReadOnlyList<string> Say);

/// <summary>
/// The offline voice of a persona: phrase banks, the persona's own facts (what it likes, its music, what it does,
/// a few opinions), and how it names each behaviour it has noticed, in its own words, to the member.
/// </summary>
public sealed record PersonaVoice(
    IReadOnlyList<PhraseEntry> Phrases,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facts,
    IReadOnlyList<PersonaOpinion> Opinions,
    IReadOnlyDictionary<string, string> Noticed)
{
    public static PersonaVoice Empty { get; } = new([], new Dictionary<string, IReadOnlyList<string>>(), [], new Dictionary<string, string>());

    /// <summary>Fact categories and the words in a question that point at them, in the order they are tried.</summary>
    public static readonly IReadOnlyList<(string Category, string[] Words)> FactCategories =
    [
        ("music", ["music", "song", "songs", "band", "bands", "album", "albums", "listen", "listening", "playlist", "playlists", "artist", "artists", "record", "records"]),
        ("films", ["film", "films", "movie", "movies", "show", "shows", "watch", "watching", "tv"]),
        ("food", ["food", "eat", "eating", "dinner", "lunch", "breakfast", "coffee", "tea", "drink", "snack"]),
        ("places", ["place", "places", "spot", "spots", "city", "live", "from", "neighborhood", "neighbourhood"]),
        ("does", ["you do", "doing", "work", "job", "day", "night", "busy", "mood", "up to", "tonight", "today"]),
        ("likes", ["like", "likes", "into", "fun", "favourite", "favorite", "hobby", "hobbies", "love"]),
        ("dislikes", ["hate", "dislike", "annoys", "cant stand", "pet peeve"]),
    ];

    /// <summary>Placeholders a line may use; a line whose placeholder has no value this turn is not used.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["topic", "known_for", "good", "bad", "open_question", "times_asked"];
}
