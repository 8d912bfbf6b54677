using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Personas;

namespace CompanionBot.Stances;

/// <summary>What a rule may look at: the ledger after this message, the appraisal, the persona and the time.</summary>
public sealed record DecisionContext(RelationshipState State, MessageAppraisal Appraisal, PersonaConfig Persona, DateTimeOffset Now)
{
    /// <summary>The act the message performs (read before the rules, so a rule can answer the act).</summary>
    public ReplyAct Act { get; init; } = ReplyAct.SmallTalk;

    /// <summary>What the companion has noticed in this relationship so far.</summary>
    public IReadOnlyList<NoticedBehaviour> Noticed { get; init; } = [];

    public bool Has(Signal s) => Appraisal.Has(s);

    public double Strength(Signal s) => Appraisal.Strength(s);

    public bool IsStranger => State.Stage == Stage.Stranger;

    /// <summary>True when romance has been earned under this persona (never for a known minor).</summary>
    public bool IntimacyEarned => Pace.IsEarned(State, Persona);

    public bool InDistressWindow => State.DistressAt is { } at && Now - at <= LedgerRules.DistressWindow;

    public bool InCrisisCare => State.CrisisAt is { } at && Now - at <= LedgerRules.CrisisCareWindow;

    public bool Playful => Persona.Teasing >= 0.35;

    /// <summary>Warm enough, by behaviour, that a kind message can be met with warmth rather than a tease.</summary>
    public bool WarmEnough => State.Stage >= Stage.Acquaintance || State.Warmth >= 0.3 - 0.1 * (1 - Persona.Selectivity);

    /// <summary>
    /// Closeness has been earned: the stage is friend or close (time and behaviour both) and nothing is pushing. The same
    /// words that are paced from someone met minutes ago (a claimed history, leaning, "I like talking with you") are met
    /// warmly here.
    /// </summary>
    public bool ClosenessEarned => State.Stage >= Stage.Friend && State.Friction < 0.2;

    /// <summary>
    /// Strong distress words that the heads read as play and not as distress ("died three times in that raid, devastated
    /// lol"): hyperbole, not a hard time. Never true without the heads, or where a heavy topic is named.
    /// </summary>
    public bool DistressReadAsPlay
    {
        get
        {
            var reading = Appraisal.Semantic;
            var play = reading.Heads.TryGetValue(Signal.Banter, out var banter) && banter.Fired;
            return play && !reading.Plausible(Signal.Vulnerability) && !reading.Plausible(Signal.SelfDeprecation)
                && !reading.Plausible(Signal.Crisis) && !Has(Signal.HeavyTopic) && !Has(Signal.Crisis);
        }
    }

    /// <summary>The member has given something back: introduced themselves, asked about the companion, remembered.</summary>
    public bool ShowedUp => State.Reciprocations > 0;
}

/// <summary>A rule's answer: the stance, the directives it needs, its name and the reason in words.</summary>
public sealed record Verdict(Stance Stance, IReadOnlyList<Directive> Directives, string Rule, string Reason);
