using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Appraisal;

/// <summary>
/// Many phrasings per signal, kept as data (phrasings.txt), all checked in one run, through the lexicon alone and
/// through the appraiser that ships (lexicon + encoder + heads); none is a training or tune line.
/// </summary>
public sealed class PhrasingTests
{
    [TestCase(BothAppraisers.Lexicon)]
    [TestCase(BothAppraisers.Shipped)]
    public void Appraise_EveryPhrasingInTheFile_CarriesOrLacksItsSignal(string appraiser)
    {
        var lines = Lines();
        var misses = new List<string>();
        foreach (var line in lines)
        {
            var (want, text) = (line[..line.IndexOf(" | ", StringComparison.Ordinal)], line[(line.IndexOf(" | ", StringComparison.Ordinal) + 3)..]);
            var names = BothAppraisers.Appraise(text, appraiser).Names;
            var ok = want.StartsWith('!') ? !names.Contains(want[1..]) : names.Contains(want);
            if (!ok) misses.Add($"{want}: '{text}' -> [{string.Join(", ", names)}]");
        }
        Assert.That(lines, Has.Count.GreaterThan(100));
        Assert.That(misses, Is.Empty);
    }

    [Test]
    public void Phrasings_NoneIsATrainingOrTuneLine()
    {
        var seen = TrainingLines.Normalised(CompanionBot.Perception.HeadTraining.TrainSuffix, CompanionBot.Perception.HeadTraining.TuneSuffix);

        Assert.That(Lines().Select(l => l[(l.IndexOf(" | ", StringComparison.Ordinal) + 3)..]).Where(t => seen.Contains(TrainingLines.Normalise(t))), Is.Empty);
    }

    private static List<string> Lines() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Appraisal", "phrasings.txt"))
            .Where(l => l.Contains(" | ", StringComparison.Ordinal) && !l.StartsWith('#')).ToList();
}
