namespace CompanionBot.Appraisal.Semantic;

/// <summary>The encoder could not load or run (a missing native runtime, say): the appraiser reads with the lexicon alone.</summary>
public sealed class EncoderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
