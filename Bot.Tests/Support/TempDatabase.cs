namespace CompanionBot.Tests.Support;

/// <summary>A fresh SQLite file path in the temp folder; disposing deletes the file, its WAL and its shared memory.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(string label)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{label}-{System.IO.Path.GetRandomFileName()}.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path + suffix);
    }
}
