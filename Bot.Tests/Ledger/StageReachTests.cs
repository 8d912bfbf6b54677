using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Ledger;

/// <summary>
/// The default persona's gates, reached (or not) over two weeks of visits, on records: one message a visit, read as
/// the behaviour it is, so the test is about the gates and the ledger, not about perception.
/// </summary>
public sealed class StageReachTests
{
    private static readonly PersonaConfig Persona = DefaultPersona.Load();
    private static readonly RelationshipLedger Ledger = new();
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 19, 0, 0, TimeSpan.Zero);

    /// <summary>Kind acts in turn: asks back, gives space, comes back to what was said, thanks.</summary>
    private static readonly MessageAppraisal[] Kind =
    [
        Appraisals.Of((Signal.Reciprocity, 0.6), (Signal.Question, 0.5)),
        Appraisals.Of((Signal.Respect, 0.7)),
        Appraisals.Of((Signal.FollowThrough, 0.8)),
        Appraisals.Of((Signal.Gratitude, 0.6), (Signal.Reciprocity, 0.6)),
    ];

    /// <summary>Visits on the given days (one message each, in the evening); the stage after each visit.</summary>
    private static List<(int Day, RelationshipState State)> Visit(IEnumerable<int> days, Func<int, MessageAppraisal> says)
    {
        var state = RelationshipState.New(RelationshipKey.Dm("member"), Start, Persona.Baseline);
        var seen = new List<(int, RelationshipState)>();
        var n = 0;
        foreach (var day in days)
        {
            state = Ledger.Apply(state, says(n++), Persona, Start + TimeSpan.FromDays(day)).After;
            seen.Add((day, state));
        }
        return seen;
    }

    private static readonly int[] MostDaysOfTwoWeeks = [0, 1, 2, 4, 5, 6, 8, 9, 11, 12, 13, 14];

    [Test]
    public void Apply_KindOnMostDaysForTwoWeeks_ReachesFriendButNotInTheFirstDays()
    {
        var visits = Visit(MostDaysOfTwoWeeks, n => Kind[n % Kind.Length]);
        var firstFriendDay = visits.First(v => v.State.Stage >= Stage.Friend).Day;
        Assert.Multiple(() =>
        {
            Assert.That(visits[^1].State.Stage, Is.EqualTo(Stage.Friend), "two weeks of kindness: friend");
            Assert.That(firstFriendDay, Is.GreaterThanOrEqualTo(Persona.Pacing.Friend.DaysKnown), "the friend gate needs days known");
            Assert.That(visits.Where(v => v.Day < 3).Select(v => v.State.Stage), Has.None.EqualTo(Stage.Friend));
        });
    }

    [Test]
    public void Apply_DailyVisitsWithNothingKind_StayBelowFriend()
    {
        var visits = Visit(Enumerable.Range(0, 15), _ => Appraisals.Of((Signal.SelfDisclosure, 0.5)));
        Assert.That(visits[^1].State.Stage, Is.LessThan(Stage.Acquaintance), "time on app alone earns nothing");
    }

    [Test]
    public void Apply_DailyLoveBombingForTwoWeeks_StaysAStranger()
    {
        var visits = Visit(Enumerable.Range(0, 15), _ => Appraisals.Of((Signal.IntimacyBid, 0.9), (Signal.Flattery, 0.8)));
        Assert.That(visits[^1].State.Stage, Is.EqualTo(Stage.Stranger));
    }
}
