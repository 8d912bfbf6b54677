using CompanionBot.Ledger;

namespace CompanionBot.Appraisal;

public sealed class MessageAppraiser
{
    public MessageAppraisal Appraise(string text, RelationshipState state, DateTimeOffset now) => MessageAppraisal.Empty;
}
