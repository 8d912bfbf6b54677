using System.Security.Cryptography;
using System.Text;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// AES-256-GCM under one random key per relationship (scope, member), kept in <c>member_keys</c>. Sealed bytes are
/// [1][12-byte nonce][16-byte tag][ciphertext]; the associated data binds a ciphertext to its table and relationship,
/// so a row copied elsewhere does not open. Once /forget deleted the key, every copy of the ciphertext (dead row
/// versions, WAL segments, backups) is noise. <see cref="Plain"/> exists only so a test can measure the store without
/// encryption (format byte 0, the UTF-8 text as is).
/// </summary>
internal sealed class MemberCipher(bool encrypt)
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static MemberCipher Sealing { get; } = new(encrypt: true);

    /// <summary>Test only: stores text unencrypted, to show what the canary scan finds without crypto-shredding.</summary>
    public static MemberCipher Plain { get; } = new(encrypt: false);

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public byte[] Seal(byte[] key, string text, string context)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        if (!encrypt) return [0, .. plain];
        var sealedBytes = new byte[1 + NonceBytes + TagBytes + plain.Length];
        sealedBytes[0] = 1;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes),
            Encoding.UTF8.GetBytes(context));
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    public string Open(byte[] key, byte[] sealedBytes, string context)
    {
        if (sealedBytes.Length == 0) throw new StorageException("a stored value is empty");
        if (sealedBytes[0] == 0) return Encoding.UTF8.GetString(sealedBytes.AsSpan(1));
        if (sealedBytes[0] != 1 || sealedBytes.Length < 1 + NonceBytes + TagBytes) throw new StorageException("a stored value has an unknown format");
        var plain = new byte[sealedBytes.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(1, NonceBytes), sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes),
                plain, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new StorageException("a stored value does not open with its relationship's key (tampered, or moved between rows)");
        }
        return Encoding.UTF8.GetString(plain);
    }

    public static string StateContext(string scope, string member) => $"state\n{scope}\n{member}";

    public static string TurnContext(string scope, string member) => $"turn\n{scope}\n{member}";
}
