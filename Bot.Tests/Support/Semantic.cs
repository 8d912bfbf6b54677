using CompanionBot.Appraisal;
using CompanionBot.Appraisal.Semantic;
using CompanionBot.Ledger;
using CompanionBot.Perception;

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
        Appraiser.Appraise(text, RelationshipState.New(RelationshipKey.Dm("x"), DateTimeOffset.UnixEpoch, new LedgerBaseline(0.1, 0.1)), DateTimeOffset.UnixEpoch);

    public static Engine NewEngine() => new(appraiser: Appraiser);
}
