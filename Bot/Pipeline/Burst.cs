namespace CompanionBot.Pipeline;

/// <summary>
/// The messages one turn answers (usually one; several when they were typed in quick succession). The engine sees
/// them as one message: the texts in order, one line each, under the last message's id and arrival time.
/// </summary>
public sealed record Burst(IReadOnlyList<InboundMessage> Messages)
{
    public static Burst Of(IReadOnlyList<InboundMessage> messages) => new(messages.DistinctBy(m => m.MessageId).ToList());

    public InboundMessage Last => Messages[^1];

    /// <summary>The turn as the engine reads it.</summary>
    public InboundMessage Turn => Messages.Count == 1 ? Last : Last with { Text = string.Join("\n", Messages.Select(m => m.Text)) };

    /// <summary>Ids marked handled with the turn besides the last one, so a replay of any of them stays quiet.</summary>
    public IReadOnlyList<string> EarlierIds => [.. Messages.Take(Messages.Count - 1).Select(m => m.MessageId)];
}
