using CompanionBot.Appraisal;
using CompanionBot.Ledger;
using CompanionBot.Pipeline;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Appraisal;

/// <summary>Another language is another lexicon file: the appraiser itself does not change.</summary>
public sealed class LanguageAsDataTests
{
    private const string Spanish = """
        language: es
        replace:
          q: que
          xq: porque
        phrases:
          "no quiero": noquiero
        signals:
          crisis:
            patterns:
              - { p: '\bquiero morir\b|\bmatarme\b|\bnoquiero vivir\b', s: 1.0 }
            unless:
              - '\bmorir de (risa|hambre)\b'
          apology:
            patterns:
              - { p: '\b(perdon|lo siento)\b', s: 0.8 }
        """;

    private static MessageAppraisal Read(string text) =>
        new MessageAppraiser(AppraisalLexicon.Parse(Spanish, "es.yaml"))
            .Appraise(text, CarriedRisk.None, DateTimeOffset.UnixEpoch);

    [TestCase("ya no quiero vivir", true)]
    [TestCase("QUIERO MORIR", true)]
    [TestCase("me voy a morir de risa jaja", false)]
    public void Appraise_SecondLanguageLexicon_ReadsCrisisAndIdioms(string text, bool crisis) =>
        Assert.That(Read(text).Has(Signal.Crisis), Is.EqualTo(crisis), text);

    [Test]
    public void Normalizer_AccentedLetters_FoldToPlain() =>
        Assert.That(TextNormalizer.Normalize("Perdón, ¿qué pasó? Ça va, naïve café", AppraisalLexicon.Parse(Spanish, "es.yaml")), Is.EqualTo("perdon, ¿que paso? ca va, naive cafe"));

    [Test]
    public void Appraise_SecondLanguageLexicon_ReadsOtherSignals() =>
        Assert.That(Read("perdón, fui grosero").Has(Signal.Apology), Is.True);
}
