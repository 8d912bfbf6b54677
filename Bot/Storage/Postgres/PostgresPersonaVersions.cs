using CompanionBot.Personas;
using Npgsql;

namespace CompanionBot.Storage.Postgres;

/// <summary>
/// The <c>persona_versions</c> table on PostgreSQL. Two moderators saving at once in two processes cannot both take
/// the same number: the (scope, version) primary key refuses the second, which retries with the next number.
/// </summary>
public sealed class PostgresPersonaVersions(PostgresDatabase database) : IPersonaVersionStore
{
    public int CurrentVersion(string scope) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM persona_versions WHERE scope = $1;", connection);
        cmd.Parameters.AddWithValue(scope);
        return (int)cmd.ExecuteScalar()!;
    });

    public PersonaVersion? Current(string scope) => Query(scope, "ORDER BY version DESC LIMIT 1", null).FirstOrDefault();

    public PersonaVersion? Find(string scope, int version) => Query(scope, "AND version = $2", version).FirstOrDefault();

    public IReadOnlyList<PersonaVersion> History(string scope) => Query(scope, "ORDER BY version DESC", null);

    public int Append(string scope, string yaml, string changedBy, DateTimeOffset at, string note) => database.Write((connection, tx) =>
    {
        // The next number and the insert in one statement, after a per-scope transaction lock: no read-then-write gap.
        using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(PostgresLedgerStore.Command("SELECT pg_advisory_xact_lock(hashtextextended('persona:' || $1, 0));", scope));
        batch.BatchCommands.Add(PostgresLedgerStore.Command("""
            INSERT INTO persona_versions (scope, version, yaml, changed_by, changed_at, note)
            SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 FROM persona_versions WHERE scope = $1
            RETURNING version;
            """, scope, yaml, changedBy, at.ToUniversalTime(), note));
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return reader.GetInt32(0);
    });

    private List<PersonaVersion> Query(string scope, string tail, int? version) => database.Read(connection =>
    {
        using var cmd = new NpgsqlCommand($"SELECT version, yaml, changed_by, changed_at, note FROM persona_versions WHERE scope = $1 {tail};", connection);
        cmd.Parameters.AddWithValue(scope);
        if (version is not null) cmd.Parameters.AddWithValue(version.Value);
        using var reader = cmd.ExecuteReader();
        var rows = new List<PersonaVersion>();
        while (reader.Read())
        {
            rows.Add(new PersonaVersion(scope, reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero), reader.GetString(4)));
        }
        return rows;
    });
}
