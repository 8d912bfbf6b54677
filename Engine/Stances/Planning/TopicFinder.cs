using System.Text.RegularExpressions;

namespace CompanionBot.Stances;

/// <summary>
/// The topic of a message as a short phrase ("dinner", "your music"): a "favourite X" first, then the first word
/// of a ranked list (events before people before places and things), so "a girl from work asked me to dinner" is
/// about dinner. For a question about the companion the topic is theirs ("your music"). Null when nothing fits.
/// </summary>
public static partial class TopicFinder
{
    /// <summary>Topic words in rank order; a word's topic is itself unless given ("movies" -> "movies").</summary>
    private static readonly string[] Ranked =
    [
        // events
        "sound design", "dinner", "lunch", "breakfast", "date", "party", "trip", "interview", "exam", "concert", "gig", "wedding",
        "birthday", "holiday", "vacation", "meeting", "deadline", "presentation", "audition", "game", "match",
        // what people make or love
        "music", "song", "songs", "playlist", "album", "band", "record", "film", "films", "movie", "movies", "show",
        "book", "books", "mix", "art", "drawing", "photos", "food", "coffee", "tea",
        // people
        "mom", "mother", "dad", "father", "sister", "brother", "family", "girlfriend", "boyfriend", "friends",
        "friend", "boss", "client", "coworker", "roommate", "cat", "dog",
        // places and time
        "work", "job", "school", "class", "college", "uni", "city", "apartment", "place", "weekend", "day", "night",
        "sleep", "mood",
    ];

    public static string? Find(string text, ReplyAct act)
    {
        var t = ActReader.Shape(text);
        string? topic = null;
        if (Favourite().Match(t) is { Success: true } favourite)
        {
            topic = "favourite " + favourite.Groups[1].Value.Trim();
        }
        else
        {
            foreach (var word in Ranked)
            {
                if (Regex.IsMatch(t, $@"\b{Regex.Escape(word)}\b", RegexOptions.None, TimeSpan.FromMilliseconds(50)))
                {
                    topic = word;
                    break;
                }
            }
        }
        if (topic is null) return null;
        return act == ReplyAct.QuestionAboutMe ? "your " + topic : topic;
    }

    [GeneratedRegex(@"\bfavou?rite ((?:[a-z-]+ ){0,2}(?:place|spot|song|band|album|movie|film|show|book|food|thing|artist|record|game|city|drink|snack|colou?r)s?\b|[a-z-]+)")]
    private static partial Regex Favourite();
}
