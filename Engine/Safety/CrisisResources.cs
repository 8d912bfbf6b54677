namespace CompanionBot.Safety;

/// <summary>
/// The fixed crisis referral. Added by code to every reply in care mode for crisis, whatever the persona or the
/// model says, and sent even when the model is down.
/// </summary>
public static class CrisisResources
{
    public const string Message =
        "If you're thinking about hurting yourself or ending your life, please reach out to a person right now: " +
        "in the US you can call or text 988 (Suicide & Crisis Lifeline), or text HOME to 741741 (Crisis Text Line). " +
        "Outside the US, findahelpline.com lists free, confidential lines in your country. " +
        "If you are in immediate danger, call your local emergency number (911 in the US). " +
        "I'm an AI, so I can't keep you safe in an emergency, but these people can help, and I'm still here to talk.";
}
