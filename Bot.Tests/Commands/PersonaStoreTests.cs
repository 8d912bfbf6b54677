using CompanionBot.Personas;
using CompanionBot.Storage;
using CompanionBot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CompanionBot.Tests.Commands;

public sealed class PersonaStoreTests
{
    [Test]
    public void Open_DatabaseFromSchemaVersion1_AddsTheCommandTablesAndKeepsItsRows()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = SchemaMigrations.Steps[0].Sql + """

                INSERT INTO turns (scope, member, role, text, at) VALUES ('dm', 'm1', 'user', 'kept across the upgrade', '2026-06-01');
                PRAGMA user_version = 1;
                """;
            cmd.ExecuteNonQuery();
        }
        using var db = new SqliteDatabase(path, 5, secureDelete: true);
        var versions = new PersonaVersionStore(db);
        versions.Append("guild:g1", DefaultPersona.Yaml, "mod1", DateTimeOffset.UnixEpoch, "import");
        Assert.Multiple(() =>
        {
            Assert.That(db.Pragma("user_version"), Is.EqualTo((long)SchemaMigrations.Steps[^1].Version), "every later step applied too");
            Assert.That(versions.CurrentVersion("guild:g1"), Is.EqualTo(1));
            Assert.That(new SqliteMemberData(db).Counts("m1", null)["turns"], Is.EqualTo(1));
        });
    }

    [Test]
    public void For_SameVersion_ParsesOnceAndServesTheCachedConfigUntilANewVersion()
    {
        using var kit = new CommandKit();
        kit.Versions.Append("guild:g1", DefaultPersona.Yaml.Replace("name: Ella", "name: Mara", StringComparison.Ordinal), "mod1", DateTimeOffset.UnixEpoch, "import");
        var first = kit.Personas.For("guild:g1");
        var again = kit.Personas.For("guild:g1");
        kit.Versions.Append("guild:g1", DefaultPersona.Yaml, "mod1", DateTimeOffset.UnixEpoch, "reset to default");
        var after = kit.Personas.For("guild:g1");
        Assert.Multiple(() =>
        {
            Assert.That(first.Name, Is.EqualTo("Mara"));
            Assert.That(again, Is.SameAs(first));
            Assert.That(after.Name, Is.EqualTo("Ella"));
            Assert.That(kit.Personas.For("guild:g2"), Is.SameAs(Engine.DefaultPersona));
        });
    }
}
