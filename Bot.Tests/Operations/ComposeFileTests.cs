using YamlDotNet.RepresentationModel;

namespace CompanionBot.Tests.Operations;

/// <summary>compose.yaml at the repository root: PostgreSQL and two bot processes with half the shards each.</summary>
public sealed class ComposeFileTests
{
    [Test]
    public void Compose_Parsed_TwoBotsSplitTheShardsOverOnePostgres()
    {
        var services = (YamlMappingNode)Load()["services"];
        var bots = new[] { "bot-a", "bot-b" }.Select(name => (YamlMappingNode)services[name]).ToList();
        var shards = bots.Select(b => Environment(b)["Discord__ShardIds__0"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(services.Children.Keys.Select(k => k.ToString()), Is.EquivalentTo(new[] { "postgres", "bot-a", "bot-b" }));
            Assert.That(services["postgres"]["healthcheck"]["test"].ToString(), Does.Contain("pg_isready"));
            foreach (var bot in bots)
            {
                var env = Environment(bot);
                Assert.That(env["Storage__Provider"], Is.EqualTo("postgres"));
                Assert.That(env["Storage__ConnectionString"], Does.Contain("Host=postgres").And.Not.Contain("Password"), "the password comes from PGPASSWORD");
                Assert.That(env["PGPASSWORD"], Does.StartWith("${POSTGRES_PASSWORD"), "from the environment, never written here");
                Assert.That(env["Discord__ShardCount"], Is.EqualTo("2"));
                Assert.That(bot["depends_on"]["postgres"]["condition"].ToString(), Is.EqualTo("service_healthy"));
                Assert.That(bot["healthcheck"]["test"].ToString(), Does.Contain("/data/heartbeat"));
            }
            Assert.That(shards, Is.EquivalentTo(new[] { "0", "1" }), "each shard in exactly one process");
        });
    }

    private static YamlMappingNode Load()
    {
        var path = RepositoryFile("compose.yaml");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompanionBot.sln"))) return Path.Combine(dir.FullName, name);
        }
        Assert.Fail("the repository root (CompanionBot.sln) is not above the test's folder");
        return "";
    }

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString(), StringComparer.Ordinal);
}
