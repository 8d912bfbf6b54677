using CompanionBot.Stances;

namespace CompanionBot.Prompting;

/// <summary>The reply plan in words for the model: what the message does, what it is about, what was noticed.</summary>
public static class PlanText
{
    public static string Act(ReplyAct act) => act switch
    {
        ReplyAct.SmallTalk => "making small talk: answer in kind, briefly.",
        ReplyAct.Greeting => "greeting you: greet them back the way your stance allows.",
        ReplyAct.Introduction => "introducing themselves: take in who they are and react to it.",
        ReplyAct.News => "telling you something from their life: respond to that news itself, specifically.",
        ReplyAct.QuestionAboutMe => "asking about you: answer it in character, with something concrete about yourself.",
        ReplyAct.QuestionAboutTheirLife => "asking about their own life: answer that question, concretely.",
        ReplyAct.AsksHowIFeel => "asking how you feel about them: answer honestly from the behaviours listed above, nothing invented.",
        ReplyAct.Bid => "reaching for closeness: meet it as your stance says, no further.",
        ReplyAct.Demand => "making a demand: respond to the demand itself as your stance says.",
        ReplyAct.Apology => "apologising: answer the apology as an apology.",
        ReplyAct.Insult => "being rude to you: say so, without being cruel back.",
        ReplyAct.Goodbye => "saying goodbye: let them go easily, with no guilt and no hook to stay.",
        ReplyAct.Thanks => "thanking you: take it simply.",
        ReplyAct.Kindness => "giving you space or respect: notice it.",
        ReplyAct.HardTime => "having a hard time: be present with what they said.",
        ReplyAct.Banter => "bantering: play along, lightly.",
        ReplyAct.Question => "asking a question: answer it.",
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, null),
    };

    /// <summary>"asked about me, not just about themselves (3 times, last 5 minutes ago)".</summary>
    public static string Noticed(NoticedBehaviour n, DateTimeOffset now) =>
        PromptText.Truncate(n.Description, 200) + (n.Times > 1 ? $" ({n.Times} times, last {PromptText.Ago(now - n.LastAt)} ago)" : $" ({PromptText.Ago(now - n.LastAt)} ago)");
}
