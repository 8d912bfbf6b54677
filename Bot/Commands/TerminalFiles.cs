namespace CompanionBot.Commands;

/// <summary>Where a command's file went in the terminal, and whether it had to take a new name.</summary>
public sealed record SavedFile(string Path, string? KeptEarlier)
{
    public string Describe(CommandFile file) => KeptEarlier is null
        ? $"Saved to {Path} ({file.Bytes.Length} bytes)."
        : $"Saved to {Path} ({file.Bytes.Length} bytes); {KeptEarlier} was already there and is left as it was.";
}

/// <summary>
/// Writes a command's file (an export) beside the database without ever replacing an earlier one: when the name is
/// taken it becomes name-2.json, name-3.json... The file is created only if absent, so two writers cannot collide.
/// </summary>
public static class TerminalFiles
{
    public static async Task<SavedFile> SaveNewAsync(string folder, CommandFile file, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var stem = System.IO.Path.GetFileNameWithoutExtension(file.Name);
        var extension = System.IO.Path.GetExtension(file.Name);
        for (var n = 1; ; n++)
        {
            var path = System.IO.Path.Combine(folder, n == 1 ? file.Name : $"{stem}-{n}{extension}");
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                continue;
            }
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(file.Bytes, cancellationToken).ConfigureAwait(false);
            }
            return new SavedFile(path, n == 1 ? null : file.Name);
        }
    }
}
