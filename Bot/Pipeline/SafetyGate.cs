using CompanionBot.Appraisal;
using CompanionBot.Replies;
using CompanionBot.Stances;
using CompanionBot.Storage;

namespace CompanionBot.Pipeline;

/// <summary>
/// The pipeline's safety edges: flood limits (never for a crisis message) and the anonymous count of crisis
/// referrals per calendar year (no member id, no text).
/// </summary>
public sealed class SafetyGate(FloodGuard flood)
{
    public const string SlowDown = "(You're sending a lot at once. I'll catch up with your next message in a moment.)";

    /// <summary>For simulations (replay, eval, bench): scripted messages on a simulated clock are never flood.</summary>
    public static SafetyGate Unlimited() =>
        new(new FloodGuard(Microsoft.Extensions.Options.Options.Create(new FloodOptions { MemberMessages = 1_000_000, ServerMessages = 1_000_000 })));

    public FloodVerdict Admit(InboundMessage message, MessageAppraisal appraisal) =>
        appraisal.Has(Signal.Crisis) ? FloodVerdict.Admitted : flood.Check(message);

    /// <summary>The anonymous yearly referral count a new crisis adds (aftercare turns do not count again).</summary>
    public static IReadOnlyList<CounterIncrement> CountersFor(StanceDecision decision, DateTimeOffset now) =>
        decision.Rule == "safety.crisis" ? [new(CounterNames.CrisisReferrals, CounterNames.AllScopes, CounterNames.Year(now))] : [];

    /// <summary>The one "slow down" note a flooding member gets per window.</summary>
    public static OutboundReply Notice { get; } = new(ReplyFormatter.Format(SlowDown), ReplySource.Offline);

    /// <summary>A dropped message is counted per scope and month (no member id, no text): never silently discarded.</summary>
    public static IReadOnlyList<CounterIncrement> CountersFor(FloodVerdict verdict, InboundMessage message, int messages = 1) =>
        verdict == FloodVerdict.Dropped
            ? [.. Enumerable.Repeat(new CounterIncrement(CounterNames.FloodDropped, message.Key.Scope, SqliteStatsStore.PeriodOf(message.ReceivedAt)), messages)]
            : [];
}
