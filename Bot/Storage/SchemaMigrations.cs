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
        // relationships as a rowid table. In a WITHOUT ROWID table a row longer than about 1,000 bytes (4 KB pages)
        // spills into an overflow page of its own, and a state is about 1 KB of JSON: the bench measured 3.5 KB of
        // file per relationship (355 MB for 100k). A rowid table keeps rows up to about 4 KB inline; the unique
        // (scope, member) index still serves every lookup and the upsert's ON CONFLICT.
        (3, """
            CREATE TABLE relationships_v2 (
                id         INTEGER PRIMARY KEY,
                scope      TEXT NOT NULL,
                member     TEXT NOT NULL,
                state      TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (scope, member)
            );
            INSERT INTO relationships_v2 (scope, member, state, updated_at)
                SELECT scope, member, state, updated_at FROM relationships ORDER BY scope, member;
            DROP TABLE relationships;
            ALTER TABLE relationships_v2 RENAME TO relationships;
            CREATE INDEX relationships_member ON relationships(member);
            """),
    ];
}
