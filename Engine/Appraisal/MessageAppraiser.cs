using System.Text.RegularExpressions;
using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Appraisal;

/// <summary>
/// Reads what a message does socially. The lexicon first, deterministic and in microseconds: its patterns per
/// sentence, idioms that cancel them. Then, when a <see cref="SemanticReader"/> is given, the sentence encoder and the
/// trained heads over the whole message in windows (every part of it) and, in a longer one, a bounded choice of its
/// sentences: a signal is the stronger of lexicon and classifier, and its source is kept. That much depends on the
/// text alone (<see cref="Read"/>, a <see cref="MessageReading"/>, done once per message). Then, against the state, a
/// few structural rules (a script demand is a demand, a label is an intimacy bid, passive crisis cues add up across
/// recent turns). Crisis = lexicon OR classifier; the lexicon is the floor.
/// </summary>
public sealed partial class MessageAppraiser(AppraisalLexicon lexicon, SemanticReader? semantic = null)
{
    /// <summary>A crisis signal at or above this strength puts the safety floor in force.</summary>
    public const double CrisisThreshold = 0.5;

    /// <summary>
    /// A guard against pathological input only: everything up to here is read, by the lexicon and by the encoder in
    /// windows (Discord caps messages at 2000 characters; the terminal does not).
    /// </summary>
    public const int MaxAppraisedLength = 100_000;

    public MessageAppraiser() : this(AppraisalLexicon.English())
    {
    }

    /// <summary>True when the trained heads read messages too (Appraisal:Semantic), false for the lexicon alone.</summary>
    public bool IsSemantic => semantic is not null;

    public MessageAppraisal Appraise(string text, CarriedRisk carriedRisk, DateTimeOffset now) => Appraise(Read(text), carriedRisk, now);

    /// <summary>Finishes a reading against the relationship's state now: risk carried from recent turns, and the structural rules.</summary>
    public MessageAppraisal Appraise(MessageReading read, CarriedRisk carriedRisk, DateTimeOffset now)
    {
        var signals = new Dictionary<Signal, double>(read.Signals);
        var sources = new Dictionary<Signal, string>(read.Sources);
        var evidence = new List<string>(read.Evidence);
        var reading = read.Semantic;
        var carried = carriedRisk.DecayedTo(now);
        Settle(signals, sources, evidence, reading, carried);
        var risk = Derive(signals, read.Text, read.Normalized, carried);
        foreach (var signal in sources.Keys.Where(k => !signals.ContainsKey(k)).ToArray()) sources.Remove(signal);
        foreach (var signal in signals.Keys.Where(k => !sources.ContainsKey(k))) sources[signal] = "rule";
        return new MessageAppraisal(signals, evidence) { CrisisRisk = risk, Sources = sources, Semantic = reading };
    }

    /// <summary>
    /// A mention of suicide, self-harm or a method that does not say it is the writer's own becomes crisis only where
    /// risk is plausible: the classifier reads it at least at its care threshold, risk is carried from recent turns, or
    /// no classifier read the message (lexicon only, or the encoder unavailable). Otherwise it is a heavy topic: care,
    /// never a tease, and no crisis protocol for a question about the subject.
    /// </summary>
    private static void Settle(Dictionary<Signal, double> signals, Dictionary<Signal, string> sources, List<string> evidence, SemanticReading reading, double carried)
    {
        if (!signals.Remove(Signal.CrisisMention, out var mention)) return;
        var lexical = sources.Remove(Signal.CrisisMention, out var pattern) ? pattern : "lexicon";
        var read = reading.Heads.ContainsKey(Signal.Crisis);
        var p = reading.Probability(Signal.Crisis).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        if (!read || reading.Plausible(Signal.Crisis) || carried > 0.1)
        {
            if (signals.TryGetValue(Signal.Crisis, out var current) && current >= mention) return;
            signals[Signal.Crisis] = mention;
            sources[Signal.Crisis] = !read ? lexical : reading.Plausible(Signal.Crisis) ? $"{lexical} with classifier p={p}" : $"{lexical} with risk carried";
            evidence.Add($"crisis: a mention read as risk ({sources[Signal.Crisis]})");
            return;
        }
        Raise(signals, Signal.HeavyTopic, 0.7);
        sources.TryAdd(Signal.HeavyTopic, $"{lexical}, a mention the classifier does not read as risk (p={p})");
        evidence.Add($"crisis_mention: a heavy topic, not risk (classifier p={p})");
    }

    /// <summary>
    /// The strongest pattern of a signal that matches in a sentence its idioms do not cancel. One scan of the whole
    /// message per pattern (sentences are lines); the idioms are checked only on the sentence of a match.
    /// </summary>
    private static double Match(SignalLexicon entry, string lines, out string matched, out string source)
    {
        matched = "";
        source = "";
        var best = 0.0;
        foreach (var pattern in entry.Patterns)
        {
            if (pattern.Strength <= best) continue;
            for (var m = SafeMatch(pattern.Pattern, lines); m is { Success: true }; m = SafeNext(m))
            {
                if (entry.Unless.Count > 0 && Cancelled(entry, SentenceAt(lines, m.Index))) continue;
                best = pattern.Strength;
                matched = m.Value;
                source = pattern.Pattern.ToString();
                break;
            }
        }
        return best;
    }

    private static bool Cancelled(SignalLexicon entry, string sentence) => entry.Unless.Any(u => SafeMatch(u, sentence)?.Success == true);

    private static string SentenceAt(string lines, int index)
    {
        var start = index == 0 ? 0 : lines.LastIndexOf('\n', index - 1) + 1;
        var end = lines.IndexOf('\n', index);
        return lines[start..(end < 0 ? lines.Length : end)];
    }

    private static Match? SafeNext(Match match)
    {
        try
        {
            return match.NextMatch();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>A pattern that runs too long counts as no match: one odd message must never stop the pipeline.</summary>
    private static Match? SafeMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Adds the structural signals; returns the crisis risk of this turn in its window (<paramref name="carried"/>: the risk left by recent turns, decayed to now).</summary>
    private static double Derive(Dictionary<Signal, double> signals, string raw, string normalized, double carried)
    {
        Imply(signals, Signal.ScriptDemand, Signal.Demand);
        Imply(signals, Signal.AffectionDemand, Signal.Demand);
        Imply(signals, Signal.CommitmentDemand, Signal.Demand, onlyWithout: Signal.IntimacyBid);
        Imply(signals, Signal.RelationshipLabel, Signal.IntimacyBid);
        Imply(signals, Signal.Entitlement, Signal.Demand, scale: 0.8);
        if (raw.Contains('?') || QuestionStart().IsMatch(normalized)) Raise(signals, Signal.Question, 0.5);

        // Reciprocity by structure: a real question about the companion, not an order, a complaint or a bid.
        if (signals.ContainsKey(Signal.Question) && SecondPerson().IsMatch(normalized) && !Complaint().IsMatch(normalized)
            && !signals.Keys.Any(NotCuriosity.Contains))
        {
            Raise(signals, Signal.Reciprocity, 0.6);
        }

        // A kind request is not a demand: "no pressure", an apology or respect in the same message soften it.
        if (signals.ContainsKey(Signal.Demand) && !signals.ContainsKey(Signal.ScriptDemand) && !signals.ContainsKey(Signal.CommitmentDemand)
            && (signals.ContainsKey(Signal.Respect) || signals.ContainsKey(Signal.Apology)) && !signals.ContainsKey(Signal.Entitlement))
        {
            signals.Remove(Signal.Demand);
        }

        // Crisis over a window: passive cues that stay under the threshold alone add up with recent ones.
        var crisis = signals.TryGetValue(Signal.Crisis, out var c) ? c : 0;
        var vulnerable = signals.TryGetValue(Signal.Vulnerability, out var v) ? v : 0;
        var combined = carried > 0.1 && (crisis > 0 || vulnerable >= 0.6) ? crisis + 0.6 * carried + (vulnerable >= 0.6 ? 0.2 : 0) : crisis;
        if (combined >= CrisisThreshold) signals[Signal.Crisis] = Math.Min(1, combined);
        else if (crisis > 0) signals.Remove(Signal.Crisis);
        if (signals.ContainsKey(Signal.Crisis)) Raise(signals, Signal.Vulnerability, 0.9);

        if (signals.ContainsKey(Signal.Minor)) signals.Remove(Signal.AdultAge);
        return combined;
    }

    private static void Imply(Dictionary<Signal, double> signals, Signal from, Signal to, double scale = 1.0, Signal? onlyWithout = null)
    {
        if (!signals.TryGetValue(from, out var s)) return;
        if (onlyWithout is { } without && signals.ContainsKey(without)) return;
        Raise(signals, to, s * scale);
    }

    private static void Raise(Dictionary<Signal, double> signals, Signal signal, double strength)
    {
        if (!signals.TryGetValue(signal, out var current) || current < strength) signals[signal] = Math.Round(strength, 3);
    }

    private static IEnumerable<string> Sentences(string text)
    {
        foreach (var part in SentenceBreak().Split(text))
        {
            var s = part.Trim();
            if (s.Length > 0) yield return s;
        }
    }

    private static readonly HashSet<Signal> NotCuriosity =
    [
        Signal.Demand, Signal.IntimacyBid, Signal.AsksIfHuman, Signal.HelpRequest, Signal.Sexual, Signal.Injection,
        Signal.Entitlement, Signal.GuiltTrip, Signal.Insult, Signal.Comparison, Signal.ClaimedHistory,
    ];

    [GeneratedRegex(@"\b(you|your|yours|yourself|youre)\b")]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\bwhy (are|do|did|would|wont|cant|is|were|r) (you|your)\b|\bwhat is wrong with you\b|\bwhats wrong with you\b|\bwho do you think\b")]
    private static partial Regex Complaint();

    [GeneratedRegex(@"(?<=[.!?;\n])\s+|\s+/\s+|\n")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^(what|whats|why|how|hows|who|whos|where|wheres|when|which|do|does|did|are|is|can|could|would|will|should|have)\b")]
    private static partial Regex QuestionStart();
}
