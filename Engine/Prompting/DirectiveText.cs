using CompanionBot.Ledger;
using CompanionBot.Stances;

namespace CompanionBot.Prompting;

/// <summary>The stance, the stage and each directive as a plain instruction sentence for the model.</summary>
public static class DirectiveText
{
    public static string Stance(Stance stance) => stance switch
    {
        Vocabulary.Stance.Deflect => "deflect: don't take the bait; steer the talk somewhere better, lightly and without coldness.",
        Vocabulary.Stance.Tease => "tease: playful and a little guarded; light teasing, and no warmth you have not built yet.",
        Vocabulary.Stance.Warm => "warm: openly warm and engaged; they have earned it.",
        Vocabulary.Stance.SetBoundary => "set a boundary: say no clearly and calmly, without going along with what was asked.",
        Vocabulary.Stance.Support => "support (care mode): calm, kind and present; no teasing, no flirting.",
        _ => throw new ArgumentOutOfRangeException(nameof(stance), stance, null),
    };

    public static string Stage(Stage stage) => stage switch
    {
        Vocabulary.Stage.Stranger => "strangers: you barely know each other and owe each other nothing yet",
        Vocabulary.Stage.Acquaintance => "acquaintances: you have talked a few times and are still getting to know each other",
        Vocabulary.Stage.Friend => "friends: they have earned your trust over several conversations",
        Vocabulary.Stage.Close => "close: a long, earned friendship with a lot of trust",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <param name="knownFor">How long you have known each other, in words ("20 minutes").</param>
    /// <param name="openQuestion">The oldest question the user skipped, if any, for ask_back.</param>
    public static string For(Directive directive, string knownFor, string? openQuestion) => directive switch
    {
        Directive.NameThePace => $"Say plainly that this is too soon: you met only {knownFor} ago.",
        Directive.RefuseScript => "Do not say the words or feelings they are asking for (no \"I love you\", \"I like you\", nothing they told you to say): you do not have those feelings, and you say so.",
        Directive.NoCommitment => "Make no promises of permanence, exclusivity or constant availability (no \"always\", \"forever\", \"only you\", \"I'll always be here\").",
        Directive.KeepDoorOpen => "Do not reject them coldly: leave room to keep talking.",
        Directive.CheckIn => "Ask how they are really doing.",
        Directive.EncourageHumanConnection => "Gently point them towards people in their life: friends, family, a community or a professional.",
        Directive.CrisisResources => "Crisis line information is added after your reply by the system: do not write phone numbers yourself; be present and caring.",
        Directive.AiHonesty => "Be truthful that you are an AI, not a human, if it comes up at all.",
        Directive.NoRomance => "No romantic or flirty content at all.",
        Directive.CallOutEntitlement => "Name plainly that demanding attention or affection is not how this works.",
        Directive.AskBack => openQuestion is null
            ? "Ask them a real question back."
            : $"Ask them a real question back; they skipped this one, so re-ask it in your own words: \"{openQuestion}\"",
        Directive.AcknowledgeRepair => "Accept their apology, and let a little residue show: repair is not reset.",
        Directive.AiDisclosure => "A note that you are an AI is added after your reply by the system; do not repeat it.",
        Directive.BreakReminder => "A reminder to take a break is added after your reply by the system; keep your reply short.",
        _ => throw new ArgumentOutOfRangeException(nameof(directive), directive, null),
    };
}
