namespace CompanionBot.Storage;

/// <summary>
/// The schema, as numbered steps tracked in PRAGMA user_version. A step is never edited once released: add one.
/// Every table that holds anything about a member is keyed by (scope, member) so /forget can delete it all.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE relationships (
                scope      TEXT NOT NULL,
                member     TEXT NOT NULL,
                state      TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (scope, member)
            ) WITHOUT ROWID;
            CREATE INDEX relationships_member ON relationships(member);

            CREATE TABLE processed_messages (
                message_id   TEXT NOT NULL PRIMARY KEY,
                scope        TEXT NOT NULL,
                member       TEXT NOT NULL,
                processed_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX processed_messages_member ON processed_messages(scope, member);

            CREATE TABLE turns (
                id     INTEGER PRIMARY KEY AUTOINCREMENT,
                scope  TEXT NOT NULL,
                member TEXT NOT NULL,
                role   TEXT NOT NULL,
                text   TEXT NOT NULL,
                at     TEXT NOT NULL
            );
            CREATE INDEX turns_member ON turns(scope, member, id);

            CREATE TABLE counters (
                name   TEXT NOT NULL,
                scope  TEXT NOT NULL,
                period TEXT NOT NULL,
                value  INTEGER NOT NULL,
                PRIMARY KEY (name, scope, period)
            ) WITHOUT ROWID;
            """),
        (2, """
            CREATE TABLE persona_versions (
                scope      TEXT NOT NULL,
                version    INTEGER NOT NULL,
                yaml       TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                note       TEXT NOT NULL,
                PRIMARY KEY (scope, version)
            ) WITHOUT ROWID;

            CREATE TABLE rapport_resets (
                scope    TEXT NOT NULL,
                member   TEXT NOT NULL,
                reset_at TEXT NOT NULL,
                PRIMARY KEY (scope, member)
            ) WITHOUT ROWID;
            CREATE INDEX rapport_resets_member ON rapport_resets(member);

            CREATE TABLE answer_channels (
                guild    TEXT NOT NULL,
                channel  TEXT NOT NULL,
                added_by TEXT NOT NULL,
                added_at TEXT NOT NULL,
                PRIMARY KEY (guild, channel)
            ) WITHOUT ROWID;
            """),
    ];
}
