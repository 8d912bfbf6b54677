using System.Globalization;
using CompanionBot.Storage;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Storage;

/// <summary>One saved persona: the exact YAML text, who saved it, when, and why (set, import, rollback, reset).</summary>
public sealed record PersonaVersion(string Scope, int Version, string Yaml, string ChangedBy, DateTimeOffset ChangedAt, string Note);

/// <summary>
/// The <c>persona_versions</c> table: every persona change of a scope is a new row; the current version is the
/// highest. Nothing is ever updated in place, so a rollback can restore any earlier text exactly.
/// </summary>
public sealed class PersonaVersionStore(SqliteDatabase database) : IPersonaVersionStore
{
    public int CurrentVersion(string scope) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM persona_versions WHERE scope = $scope;";
        cmd.Parameters.AddWithValue("$scope", scope);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    public PersonaVersion? Current(string scope) => Query(scope, "ORDER BY version DESC LIMIT 1", null).FirstOrDefault();

    public PersonaVersion? Find(string scope, int version) => Query(scope, "AND version = $version", version).FirstOrDefault();

    /// <summary>Newest first.</summary>
    public IReadOnlyList<PersonaVersion> History(string scope) => Query(scope, "ORDER BY version DESC", null);

    /// <summary>Appends a version (one durable transaction) and returns its number.</summary>
    public int Append(string scope, string yaml, string changedBy, DateTimeOffset at, string note) => database.Write((connection, tx) =>
    {
        using var next = connection.CreateCommand();
        next.Transaction = tx;
        next.CommandText = "SELECT COALESCE(MAX(version), 0) + 1 FROM persona_versions WHERE scope = $scope;";
        next.Parameters.AddWithValue("$scope", scope);
        var version = Convert.ToInt32(next.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO persona_versions (scope, version, yaml, changed_by, changed_at, note)
            VALUES ($scope, $version, $yaml, $by, $at, $note);
            """;
        insert.Parameters.AddWithValue("$scope", scope);
        insert.Parameters.AddWithValue("$version", version);
        insert.Parameters.AddWithValue("$yaml", yaml);
        insert.Parameters.AddWithValue("$by", changedBy);
        insert.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$note", note);
        insert.ExecuteNonQuery();
        return version;
    });

    private List<PersonaVersion> Query(string scope, string tail, int? version) => database.Read(connection =>
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT version, yaml, changed_by, changed_at, note FROM persona_versions WHERE scope = $scope {tail};";
        cmd.Parameters.AddWithValue("$scope", scope);
        if (version is not null) cmd.Parameters.AddWithValue("$version", version.Value);
        using var reader = cmd.ExecuteReader();
        var rows = new List<PersonaVersion>();
        while (reader.Read()) rows.Add(Row(scope, reader));
        return rows;
    });

    private static PersonaVersion Row(string scope, SqliteDataReader reader) => new(
        scope,
        reader.GetInt32(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        reader.GetString(4));
}
