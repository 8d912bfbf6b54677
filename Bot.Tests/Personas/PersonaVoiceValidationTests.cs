using CompanionBot.Personas;
using CompanionBot.Stances;

namespace CompanionBot.Tests.Personas;

/// <summary>Phrase banks, facts and noticed words are validated like the rest: errors name the field.</summary>
public sealed class PersonaVoiceValidationTests
{
    private static PersonaInvalidException Rejects(string extra) =>
        Assert.Throws<PersonaInvalidException>(() => PersonaYamlReader.Parse(Without(DefaultPersona.Yaml) + extra, "test.yaml"))!;

    /// <summary>The default persona without its voice sections, so a test can add its own.</summary>
    private static string Without(string yaml) => yaml[..yaml.IndexOf("\nphrases:", StringComparison.Ordinal)] + "\n";

    [Test]
    public void DefaultPersona_ShipsBanksForEveryActFactsAndNoticedWords()
    {
        var voice = DefaultPersona.Load().VoiceBank;
        var acknowledged = voice.Phrases.Where(p => p.Part == PhrasePart.Acknowledge).SelectMany(p => p.Acts).ToHashSet();
        var moved = voice.Phrases.Where(p => p.Part == PhrasePart.Move).SelectMany(p => p.Directives).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(Enum.GetValues<ReplyAct>().Where(a => !acknowledged.Contains(a)), Is.Empty, "every act has lines");
            Assert.That(moved, Is.SupersetOf(new[] { Directive.RefuseScript, Directive.NoCommitment, Directive.NameThePace, Directive.CheckIn, Directive.CallOutEntitlement, Directive.AcknowledgeRepair }));
            Assert.That(voice.Facts.Keys, Is.SupersetOf(new[] { "music", "likes", "does" }));
            Assert.That(voice.Opinions, Is.Not.Empty);
            Assert.That(voice.Noticed.Keys, Is.EquivalentTo(BehaviourNames.Names));
        });
    }

    [Test]
    public void Phrases_UnknownAct_RejectedNamingTheEntry()
    {
        var ex = Rejects("phrases:\n  - { part: acknowledge, say: [\"hi\"] }\n  - { part: acknowledge, act: gretting, say: [\"hey\"] }\n");
        Assert.That(ex.Errors, Has.Some.StartsWith("phrases[1].act (line").And.Contains("unknown act 'gretting'"));
    }

    [Test]
    public void Phrases_MoveWithoutDirective_RejectedNamingTheField()
    {
        var ex = Rejects("phrases:\n  - { part: move, say: [\"slow down\"] }\n");
        Assert.That(ex.Errors, Has.Some.StartsWith("phrases[0].directive").And.Contains("required for part move"));
    }

    [Test]
    public void Phrases_UnknownPlaceholder_RejectedListingTheKnownOnes()
    {
        var ex = Rejects("phrases:\n  - { part: ask, say: [\"how was {topc}?\"] }\n");
        Assert.That(ex.Errors, Has.Some.StartsWith("phrases[0].say[0]").And.Contains("unknown placeholder {topc}").And.Contains("{topic}"));
    }

    [Test]
    public void Facts_UnknownCategory_RejectedListingTheKnownOnes()
    {
        var ex = Rejects("facts:\n  musik: [\"radiohead\"]\n");
        Assert.That(ex.Errors, Has.Some.StartsWith("facts.musik (line").And.Contains("music"));
    }

    [Test]
    public void Noticed_UnknownBehaviour_RejectedNamingIt()
    {
        var ex = Rejects("noticed:\n  was_lovely: \"you were lovely\"\n");
        Assert.That(ex.Errors, Has.Some.StartsWith("noticed.was_lovely (line").And.Contains("asked_about_me"));
    }

    [Test]
    public void VoiceSections_Absent_StillValidWithTheStanceLinesAsFallback()
    {
        var persona = PersonaYamlReader.Parse(Without(DefaultPersona.Yaml), "old.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(persona.VoiceBank.Phrases, Is.Empty);
            Assert.That(new CompanionBot.Replies.OfflineVoice().Line(persona, new StanceDecision(Stance.Warm, [], "r", []), new Support.Engine(persona).State),
                Is.AnyOf(persona.OfflineLines[Stance.Warm].ToArray()));
        });
    }
}
