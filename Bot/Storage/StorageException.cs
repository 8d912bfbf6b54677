namespace CompanionBot.Storage;

/// <summary>The database cannot be opened or used; the message is safe to show an operator in one line.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What kind of failure this is, so the pipeline can tell an outage to wait out from a bug or a bad row.</summary>
    public StorageFault Fault { get; init; } = StorageFaults.Of(inner);
}
