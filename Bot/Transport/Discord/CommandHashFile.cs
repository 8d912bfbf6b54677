using System.Security.Cryptography;
using System.Text;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// The hash of the slash commands last registered (per application), kept in Discord:CommandHashFile so a restart
/// does not rewrite commands or burn the daily cap. Both Discord clients read and write it here.
/// </summary>
internal static class CommandHashFile
{
    public static string Hash(string applicationId, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(applicationId + "\n" + json)));

    public static async Task<bool> IsCurrentAsync(string path, string hash, CancellationToken ct) =>
        File.Exists(path) && (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim() == hash;

    public static async Task RememberAsync(string path, string hash, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(path, hash, ct).ConfigureAwait(false);
    }
}
