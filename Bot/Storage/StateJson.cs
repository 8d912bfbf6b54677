using System.Text.Json;
using System.Text.Json.Serialization;
using CompanionBot.Ledger;

namespace CompanionBot.Storage;

/// <summary>How a ledger row's state column is written: JSON, snake_case, enums by name, unknown fields ignored.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    public static string Write(RelationshipState state) => JsonSerializer.Serialize(state, Options);

    public static RelationshipState Read(string json) =>
        JsonSerializer.Deserialize<RelationshipState>(json, Options)
        ?? throw new StorageException("a ledger row holds no state");
}
