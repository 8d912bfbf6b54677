using CompanionBot.Pipeline;

namespace CompanionBot.Bench;

/// <summary>
/// What the simulated members say and when. Texts are a fixed mix (greetings, questions, demands, apologies,
/// compliments, small talk...) cycled deterministically with an offset per member, and every message is stamped by
/// <see cref="SimulatedClock"/>, so relationships span days and a run is reproducible.
/// </summary>
public sealed class MessageScript(int members, string runTag)
{
    public static readonly IReadOnlyList<string> Texts =
    [
        "hey! how's your day going?",
        "good morning :)",
        "what are you up to right now?",
        "i just got back from work, so tired lol",
        "do you like music? what kind?",
        "tell me something interesting",
        "answer me. now.",
        "why didn't you reply earlier",
        "sorry about yesterday, i was in a bad mood",
        "i'm sorry, that was rude of me",
        "thanks for listening, really",
        "my name is sam btw, nice to meet you",
        "i finished that book you recommended!",
        "what did you think about what i said last time?",
        "you're so pretty, you know that?",
        "be my girlfriend",
        "you have to keep me company tonight",
        "other bots are nicer than you",
        "after everything i've done for you...",
        "i'm 24 and i work as a nurse",
        "honestly i feel kind of lonely lately",
        "i'm so stupid, i messed up my exam",
        "haha that's funny",
        "ok",
        "how was your weekend?",
        "what's your favourite food?",
        "i made pasta tonight, turned out great",
        "can you help me think through a decision?",
        "are you a real person?",
        "gotta go, talk tomorrow!",
        "good night",
        "i did what you suggested and it worked",
        "you never listen to me",
        "what do you think about rainy days?",
        "i got the job!!",
        "ugh mondays",
    ];

    public const string MemberPrefix = "bench-member-";

    private readonly SimulatedClock _clock = new(SimulatedClock.DefaultStart, SimulatedClock.DefaultRoundGap, members);

    public int Members => members;

    /// <summary>Member <paramref name="member"/>'s message number <paramref name="round"/>.</summary>
    public InboundMessage Message(int member, int round)
    {
        var key = KeyOf(MemberPrefix, member);
        var text = Texts[(int)(((long)member * 7 + round) % Texts.Count)];
        return new InboundMessage(
            // Ids grow in send order, as Discord's time-ordered snowflakes do, so the processed-id index appends.
            $"bench:{runTag}:{(long)round * members + member:D12}",
            key,
            key.IsDm ? $"dm-{member}" : "general",
            $"member{member}",
            text,
            _clock.StampFor(member, round));
    }

    /// <summary>Spreads relationships over DMs and three guilds, as a small real deployment would.</summary>
    public static RelationshipKey KeyOf(string prefix, long index) => (index % 4) switch
    {
        0 => RelationshipKey.Dm(prefix + index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)),
        var g => RelationshipKey.InGuild("90000000000000000" + g, prefix + index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)),
    };
}

/// <summary>
/// The bench's clock: round r of every member happens r gaps after the start, members spread evenly inside the gap.
/// Stamps only move forward in the order the workers send (round by round), and a member's rounds are hours apart.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start, TimeSpan roundGap, int members)
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan DefaultRoundGap = TimeSpan.FromHours(5);

    public DateTimeOffset StampFor(int member, int round) =>
        start + TimeSpan.FromTicks(roundGap.Ticks * round + roundGap.Ticks / Math.Max(1, members) * member);
}
