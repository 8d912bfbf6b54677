using System.Text.RegularExpressions;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// Knows the password of a connection string (written in it, or PGPASSWORD) only to cut it out of text: every error
/// message about the database goes through <see cref="Redact"/> before anyone sees it.
/// </summary>
internal sealed partial class ConnectionSecrets
{
    private readonly string[] _secrets;

    public ConnectionSecrets(string connectionString)
    {
        var secrets = new List<string>();
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password)) secrets.Add(builder.Password);
        }
        catch (ArgumentException)
        {
            // An unparsable string: the pattern below still removes anything written as Password=...
        }
        if (Environment.GetEnvironmentVariable("PGPASSWORD") is { Length: > 0 } fromEnvironment) secrets.Add(fromEnvironment);
        _secrets = [.. secrets.OrderByDescending(s => s.Length)];
    }

    public string Redact(string text)
    {
        var redacted = PasswordSetting().Replace(text, "$1=***");
        foreach (var secret in _secrets) redacted = redacted.Replace(secret, "***", StringComparison.Ordinal);
        return redacted;
    }

    [GeneratedRegex("(?i)(password|pwd)\\s*=\\s*[^;]*")]
    private static partial Regex PasswordSetting();
}
