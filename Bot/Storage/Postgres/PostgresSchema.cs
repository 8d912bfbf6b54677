namespace CompanionBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered steps, recorded in <c>schema_migrations</c>. A step is never edited once
/// released: add one. Every table about a member is keyed by (scope, member), so /forget can delete it all. What a
/// member wrote (history turns) and the ledger state are stored only as AES-GCM ciphertext under the relationship's
/// key in <c>member_keys</c>; /forget deletes that key first (crypto-shredding).
/// </summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE member_keys (
                scope      text NOT NULL,
                member     text NOT NULL,
                key        bytea NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (scope, member)
            );
            CREATE INDEX member_keys_member ON member_keys(member);

            CREATE TABLE relationships (
                scope      text NOT NULL,
                member     text NOT NULL,
                state      bytea NOT NULL,
                exchanges  integer NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (scope, member)
            );
            CREATE INDEX relationships_member ON relationships(member);

            CREATE TABLE processed_messages (
                message_id   text PRIMARY KEY,
                scope        text NOT NULL,
                member       text NOT NULL,
                processed_at timestamptz NOT NULL
            );
            CREATE INDEX processed_messages_member ON processed_messages(member, scope);

            CREATE TABLE turns (
                id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                scope  text NOT NULL,
                member text NOT NULL,
                role   text NOT NULL,
                text   bytea NOT NULL,
                at     timestamptz NOT NULL
            );
            CREATE INDEX turns_member ON turns(member, scope, id);

            CREATE TABLE counters (
                name   text NOT NULL,
                scope  text NOT NULL,
                period text NOT NULL,
                value  bigint NOT NULL,
                PRIMARY KEY (name, scope, period)
            );

            CREATE TABLE persona_versions (
                scope      text NOT NULL,
                version    integer NOT NULL,
                yaml       text NOT NULL,
                changed_by text NOT NULL,
                changed_at timestamptz NOT NULL,
                note       text NOT NULL,
                PRIMARY KEY (scope, version)
            );

            CREATE TABLE rapport_resets (
                scope    text NOT NULL,
                member   text NOT NULL,
                reset_at timestamptz NOT NULL,
                PRIMARY KEY (scope, member)
            );
            CREATE INDEX rapport_resets_member ON rapport_resets(member);

            CREATE TABLE answer_channels (
                guild    text NOT NULL,
                channel  text NOT NULL,
                added_by text NOT NULL,
                added_at timestamptz NOT NULL,
                PRIMARY KEY (guild, channel)
            );
            """),
    ];
}
