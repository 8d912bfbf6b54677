using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Appraisal;

/// <summary>Many phrasings per signal, kept as data (phrasings.txt), all checked in one run.</summary>
public sealed class PhrasingTests
{
    [Test]
    public void Appraise_EveryPhrasingInTheFile_CarriesOrLacksItsSignal()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Appraisal", "phrasings.txt"))
            .Where(l => l.Contains(" | ", StringComparison.Ordinal) && !l.StartsWith('#')).ToList();
        var misses = new List<string>();
        foreach (var line in lines)
        {
            var (want, text) = (line[..line.IndexOf(" | ", StringComparison.Ordinal)], line[(line.IndexOf(" | ", StringComparison.Ordinal) + 3)..]);
            var names = Engine.Appraise(text).Names;
            var ok = want.StartsWith('!') ? !names.Contains(want[1..]) : names.Contains(want);
            if (!ok) misses.Add($"{want}: '{text}' -> [{string.Join(", ", names)}]");
        }
        Assert.That(lines, Has.Count.GreaterThan(100));
        Assert.That(misses, Is.Empty);
    }
}
