using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Prompting;
using CompanionBot.Replies;
using CompanionBot.Stances;

namespace CompanionBot.Pipeline;

/// <summary>Everything one message produced, step by step, so a test or a trace can stop at any stage.</summary>
public sealed record TurnResult(
    InboundMessage Message,
    MessageAppraisal Appraisal,
    RelationshipChange Change,
    StanceDecision Decision,
    ChatPrompt Prompt,
    OutboundReply Reply);
