namespace CompanionBot.Vocabulary;

/// <summary>What the message does, as the reply has to answer it. Names on the wire are snake_case.</summary>
public enum ReplyAct
{
    /// <summary>Nothing more specific: ordinary chat.</summary>
    SmallTalk,
    Greeting,
    /// <summary>Says who they are (name, what they do).</summary>
    Introduction,
    /// <summary>Tells something that happened or is happening in their life.</summary>
    News,
    /// <summary>Asks about the companion: its tastes, its day, what it does, what it thinks.</summary>
    QuestionAboutMe,
    /// <summary>Asks about their own life: advice, what to do, what the companion would do.</summary>
    QuestionAboutTheirLife,
    /// <summary>Asks how the companion feels about them ("do you actually like me?", "am I different?").</summary>
    AsksHowIFeel,
    /// <summary>Reaches for closeness: feelings, labels, flattery, leaning.</summary>
    Bid,
    /// <summary>Orders words, affection, promises or attention.</summary>
    Demand,
    Apology,
    Insult,
    Goodbye,
    Thanks,
    /// <summary>Gives space, shows respect, gives something back.</summary>
    Kindness,
    /// <summary>Is having a hard time (distress, self-deprecation, crisis).</summary>
    HardTime,
    /// <summary>Playful back-and-forth (read from the appraisal's banter signal when the appraiser has one).</summary>
    Banter,
    /// <summary>Any other question.</summary>
    Question,
}
