using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Pipeline;

/// <summary>Config section "Conversation": how messages typed in quick succession become one turn.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>
    /// A member's messages are gathered into one turn until they have been quiet this long (on the injected clock),
    /// then answered once. 0 answers every message on its own.
    /// </summary>
    [Range(0, 60)]
    public double BurstQuietSeconds { get; set; } = 1.5;

    /// <summary>A burst this long is answered at once, without waiting for the quiet gap.</summary>
    [Range(1, 100)]
    public int BurstMaxMessages { get; set; } = 12;

    /// <summary>
    /// Where a stop leaves the messages it could not answer in time, for the next start to answer. Empty: beside the
    /// SQLite database (or data/ on PostgreSQL), as unanswered.json.
    /// </summary>
    public string UnansweredFile { get; set; } = "";
}
