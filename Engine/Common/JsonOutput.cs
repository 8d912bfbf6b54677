using System.Text.Encodings.Web;
using System.Text.Json;

namespace CompanionBot.Common;

/// <summary>How the batch modes print JSON: indented, readable non-ASCII, stable property names.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
