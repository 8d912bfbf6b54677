using System.Globalization;
using System.Text.Json;

namespace CompanionBot.Transport.Discord.Payloads;

/// <summary>Tolerant readers for Discord JSON: a missing or null field is null, never an exception.</summary>
internal static class JsonRead
{
    public static JsonElement? Child(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name) => e.Child(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static int? Int(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    public static long? Long(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var i) ? i : null;

    public static bool Bool(this JsonElement e, string name) => e.Child(name) is { ValueKind: JsonValueKind.True };

    public static double? Double(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDouble(out var d) ? d : null;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    /// <summary>Permission bitfields arrive as decimal strings.</summary>
    public static ulong? Bits(this JsonElement e, string name) =>
        ulong.TryParse(e.Str(name), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : null;
}
