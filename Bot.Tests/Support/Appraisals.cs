using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Tests.Support;

/// <summary>
/// Builds a <see cref="MessageAppraisal"/> from signals and strengths, with no text and no lexicon, so a rule or
/// ledger test states the reading it is about and tuning a lexicon weight cannot change it.
/// </summary>
public static class Appraisals
{
    /// <summary>The strength a clearly present signal carries unless a test says otherwise.</summary>
    public const double Clear = 0.8;

    public static MessageAppraisal Of(params Signal[] signals) =>
        signals.Aggregate(MessageAppraisal.Empty, (a, s) => a.With(s));

    public static MessageAppraisal Of(params (Signal Signal, double Strength)[] signals) =>
        signals.Aggregate(MessageAppraisal.Empty, (a, s) => a.With(s.Signal, s.Strength));

    /// <summary>The same reading plus one signal (or the signal at another strength).</summary>
    public static MessageAppraisal With(this MessageAppraisal appraisal, Signal signal, double strength = Clear)
    {
        var signals = new Dictionary<Signal, double>(appraisal.Signals) { [signal] = strength };
        return appraisal with { Signals = signals };
    }

    /// <summary>The same reading without one signal.</summary>
    public static MessageAppraisal Without(this MessageAppraisal appraisal, Signal signal)
    {
        var signals = new Dictionary<Signal, double>(appraisal.Signals);
        signals.Remove(signal);
        return appraisal with { Signals = signals };
    }

    /// <summary>The same reading plus what one trained head read (probability against a 0.5 threshold), for the rules that weigh the heads.</summary>
    public static MessageAppraisal Heard(this MessageAppraisal appraisal, Signal signal, double probability)
    {
        var heads = new Dictionary<Signal, HeadReading>(appraisal.Semantic.Heads) { [signal] = new HeadReading(probability, 0.5, "whole") };
        return appraisal with { Semantic = new SemanticReading(heads) };
    }
}
