using LiteDB;
using Microsoft.Data.Sqlite;

namespace StoreProbe;

/// <summary>
/// The same record in both stores, shaped like the bot's relationship row: a (scope, member) key, about 1 KB of state
/// JSON and a timestamp. SQLite gets the bot's own settings: WAL, synchronous=FULL, secure_delete=ON.
/// </summary>
public static class Stores
{
    public const string Scope = "dm";

    public static readonly string State = "{\"familiarity\":0.31,\"trust\":0.42,\"warmth\":0.37,\"friction\":0.05,\"stage\":\"acquaintance\"," +
        "\"moments\":[" + string.Join(",", Enumerable.Range(0, 8).Select(i => $"{{\"at\":\"2026-06-0{i + 1}T12:00:00Z\",\"what\":\"remembered something I'd said, moment {i}\"}}")) + "]," +
        "\"questions\":[\"how did the exam go?\",\"did you finish the book?\"],\"rule\":\"ordinary-stranger\",\"padding\":\"" + new string('x', 260) + "\"}";

    public static string Member(int i) => $"m{i:D8}";

    public static string Key(int i) => $"{Scope}|{Member(i)}";

    public static LiteDatabase OpenLite(string path, string connection = "direct") =>
        new($"Filename={path};Connection={connection}");

    public static ILiteCollection<BsonDocument> Relationships(LiteDatabase db) => db.GetCollection("relationships");

    public static BsonDocument Document(int i) => new()
    {
        ["_id"] = Key(i),
        ["scope"] = Scope,
        ["member"] = Member(i),
        ["state"] = State,
        ["updated_at"] = "2026-06-01T12:00:00.0000000+00:00",
    };

    public static SqliteConnection OpenSqlite(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA secure_delete = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA busy_timeout = 30000;
            CREATE TABLE IF NOT EXISTS relationships (
                id INTEGER PRIMARY KEY, scope TEXT NOT NULL, member TEXT NOT NULL, state TEXT NOT NULL,
                updated_at TEXT NOT NULL, UNIQUE (scope, member));
            CREATE INDEX IF NOT EXISTS relationships_member ON relationships(member);
            """);
        return connection;
    }

    public static void Insert(SqliteConnection connection, SqliteTransaction? tx, int i)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO relationships (scope, member, state, updated_at) VALUES ($s, $m, $state, $at);";
        cmd.Parameters.AddWithValue("$s", Scope);
        cmd.Parameters.AddWithValue("$m", Member(i));
        cmd.Parameters.AddWithValue("$state", State);
        cmd.Parameters.AddWithValue("$at", "2026-06-01T12:00:00.0000000+00:00");
        cmd.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM relationships;";
        return (long)cmd.ExecuteScalar()!;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The store's files on disk: the data file, LiteDB's "name-log.db", SQLite's "-wal" and "-shm".</summary>
    public static long BytesOnDisk(string path)
    {
        var liteLog = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
        return new[] { path, liteLog, path + "-wal", path + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }
}
