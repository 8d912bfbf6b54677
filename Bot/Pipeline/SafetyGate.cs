using CompanionBot.Appraisal;
using CompanionBot.Replies;
using CompanionBot.Storage;

namespace CompanionBot.Pipeline;

/// <summary>
/// The pipeline's safety edges: flood limits (never for a crisis message), the one notice, and the count of what
/// was dropped. Crisis referrals are counted by <c>Storage.TurnCounters</c>, once, under the one counters naming scheme.
/// </summary>
public sealed class SafetyGate(FloodGuard flood)
{
    public const string SlowDown = "(You're sending a lot at once. I'll catch up with your next message in a moment.)";

    /// <summary>For simulations (replay, eval, bench): scripted messages on a simulated clock are never flood.</summary>
    public static SafetyGate Unlimited() =>
        new(new FloodGuard(Microsoft.Extensions.Options.Options.Create(new FloodOptions { MemberMessages = 1_000_000, ServerMessages = 1_000_000 })));

    public FloodVerdict Admit(InboundMessage message, MessageAppraisal appraisal) =>
        appraisal.Has(Signal.Crisis) ? FloodVerdict.Admitted : flood.Check(message);

    /// <summary>The one "slow down" note a flooding member gets per window.</summary>
    public static OutboundReply Notice { get; } = new(ReplyFormatter.Format(SlowDown), ReplySource.Offline);

    /// <summary>A dropped message is counted per scope and month (no member id, no text): never silently discarded.</summary>
    public static IReadOnlyList<CounterIncrement> CountersFor(FloodVerdict verdict, InboundMessage message, int messages = 1) =>
        verdict == FloodVerdict.Dropped
            ? [.. Enumerable.Repeat(new CounterIncrement(CounterNames.FloodDropped, message.Key.Scope, CounterNames.PeriodOf(message.ReceivedAt)), messages)]
            : [];
}
