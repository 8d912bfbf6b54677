using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Ledger;
using CompanionBot.Perception;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Support;

/// <summary>
/// One MiniLM encoder for the whole test run (it loads in about a second and holds ~100 MB), and an appraiser that
/// reads with it and the committed heads, as the program does by default.
/// </summary>
public static class Semantic
{
    private static readonly Lazy<MiniLmTextEncoder> SharedEncoder = new(() => new MiniLmTextEncoder());

    private static readonly Lazy<MessageAppraiser> SharedAppraiser = new(() =>
        new MessageAppraiser(AppraisalLexicon.English(), new SemanticReader(Encoder, SignalHeads.Embedded()!)));

    public static MiniLmTextEncoder Encoder => SharedEncoder.Value;

    public static MessageAppraiser Appraiser => SharedAppraiser.Value;

    public static MessageAppraisal Appraise(string text) =>
        Appraiser.Appraise(text, CarriedRisk.None, DateTimeOffset.UnixEpoch);

    public static Engine NewEngine() => new(appraiser: Appraiser);
}
