namespace CompanionBot.Storage;

/// <summary>The database cannot be opened or used; the message is safe to show an operator in one line.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
