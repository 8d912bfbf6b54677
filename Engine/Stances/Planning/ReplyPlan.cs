using CompanionBot.Common;
using CompanionBot.Ledger;

namespace CompanionBot.Stances;

/// <summary>
/// What the reply is about, beside the stance and directives: the act it answers, the topic of the message, the
/// behaviours the companion has noticed in this relationship, and its own open question. One plan, two writers:
/// the prompt composer hands it to a model, the offline voice writes from it.
/// </summary>
public sealed record ReplyPlan(ReplyAct Act, string? Topic, IReadOnlyList<NoticedBehaviour> Noticed, OpenQuestion? OwnQuestion)
{
    public static ReplyPlan None { get; } = new(ReplyAct.SmallTalk, null, [], null);

    public string ActName => WireNames.Of(Act);

    public IEnumerable<NoticedBehaviour> Good => Noticed.Where(n => n.Positive);

    public IEnumerable<NoticedBehaviour> Bad => Noticed.Where(n => !n.Positive);

    public bool HasNoticed(string behaviour) => Noticed.Any(n => n.Behaviour == behaviour);
}

/// <summary>
/// A behaviour the companion has noticed: a name from a closed set (asked_about_me, gave_me_space, ...), how it
/// would say it, whether it counts for or against, how many times, and when last.
/// </summary>
public sealed record NoticedBehaviour(string Behaviour, string Description, bool Positive, int Times, DateTimeOffset LastAt);
