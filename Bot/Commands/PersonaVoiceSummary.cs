using System.Globalization;
using System.Text;
using CompanionBot.Common;
using CompanionBot.Personas;

namespace CompanionBot.Commands;

/// <summary>/persona preview without a file: what the offline voice writes from (banks, facts, noticed words).</summary>
public static class PersonaVoiceSummary
{
    public static string Describe(PersonaConfig persona)
    {
        var voice = persona.VoiceBank;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{persona.Name}'s offline voice (what members get when no model answers): ");
        if (voice.Phrases.Count == 0)
        {
            sb.Append("no phrase banks, so only the offline_lines per stance are used. Add phrases, facts and noticed to the persona file (/persona export shows the default's).");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"{voice.Phrases.Sum(p => p.Say.Count)} lines in {voice.Phrases.Count} phrase entries.");
            foreach (var part in Enum.GetValues<PhrasePart>())
            {
                var entries = voice.Phrases.Where(p => p.Part == part).ToList();
                var tags = part == PhrasePart.Move
                    ? entries.SelectMany(p => p.Directives).Select(d => WireNames.Of(d))
                    : entries.SelectMany(p => p.Acts).Select(a => WireNames.Of(a));
                var named = tags.Distinct().ToList();
                sb.Append(CultureInfo.InvariantCulture, $"\n- {WireNames.Of(part)}: {entries.Sum(p => p.Say.Count)} lines");
                if (named.Count > 0) sb.Append(" for ").Append(string.Join(", ", named));
            }
        }
        if (voice.Facts.Count > 0 || voice.Opinions.Count > 0)
        {
            sb.Append("\nfacts: ").Append(string.Join(", ", voice.Facts.Select(f => $"{f.Key} ({f.Value.Count})")));
            if (voice.Opinions.Count > 0) sb.Append(CultureInfo.InvariantCulture, $", opinions ({voice.Opinions.Count})");
            var sample = voice.Facts.FirstOrDefault();
            if (sample.Value is { Count: > 0 }) sb.Append(CultureInfo.InvariantCulture, $"\nasked about {sample.Key}: \"{sample.Value[0]}\"");
        }
        if (voice.Noticed.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nnoticed behaviours named: {voice.Noticed.Count}, e.g. asked_about_me → \"{voice.Noticed.GetValueOrDefault("asked_about_me") ?? voice.Noticed.First().Value}\"");
        }
        sb.Append("\nAttach a scenario file to see the stance, the act and the offline reply of every turn.");
        return sb.ToString();
    }
}
