using System.Text.Json;
using CompanionBot.Commands;

namespace CompanionBot.Tests.Commands;

public sealed class CommandCatalogTests
{
    private static readonly int[] KnownOptionTypes = [1, 2, 3, 4, 5, 7, 11];

    [Test]
    public void Catalog_EveryHandlerRoute_HasAnEntryAndEveryEntryAHandler()
    {
        using var kit = new CommandKit();
        var handled = kit.Service.Groups.SelectMany(g => g.Routes.Select(r => $"{g.Name} {r}".Trim())).Order().ToList();
        var catalogued = CommandCatalog.All.SelectMany(c => c.Routes().Select(r => $"{c.Name} {r}".Trim())).Order().ToList();
        Assert.That(handled, Is.EqualTo(catalogued));
    }

    [Test]
    public void ToDiscordJson_EveryCommand_HasDescriptionsTypesAndValidNames()
    {
        using var document = JsonDocument.Parse(CommandCatalog.ToDiscordJson());
        var commands = document.RootElement.EnumerateArray().ToList();
        Assert.That(commands.Select(c => c.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "rapport", "forget", "export", "persona", "companion" }));
        foreach (var command in commands)
        {
            Assert.That(command.GetProperty("type").GetInt32(), Is.EqualTo(1));
            CheckNode(command);
        }
    }

    [Test]
    public void ToDiscordJson_ModeratorCommands_NeedManageServerAndAreNotOfferedInDms()
    {
        using var document = JsonDocument.Parse(CommandCatalog.ToDiscordJson());
        foreach (var command in document.RootElement.EnumerateArray())
        {
            var name = command.GetProperty("name").GetString();
            var moderator = name is "persona" or "companion";
            var contexts = command.GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(command.TryGetProperty("default_member_permissions", out var perms) ? perms.GetString() : null,
                    Is.EqualTo(moderator ? "32" : null), name);
                Assert.That(command.GetProperty("dm_permission").GetBoolean(), Is.EqualTo(!moderator), name);
                Assert.That(contexts, Is.EqualTo(moderator ? new[] { 0 } : new[] { 0, 1 }), name);
            });
        }
    }

    [Test]
    public void ToDiscordJson_Options_CarryTheDiscordTypeOfWhatTheHandlersRead()
    {
        using var document = JsonDocument.Parse(CommandCatalog.ToDiscordJson());
        var persona = Command(document, "persona");
        var companion = Command(document, "companion");
        Assert.Multiple(() =>
        {
            Assert.That(Option(Option(persona, "set"), "field").GetProperty("type").GetInt32(), Is.EqualTo(3));
            Assert.That(Option(Option(persona, "rollback"), "version").GetProperty("type").GetInt32(), Is.EqualTo(4));
            Assert.That(Option(Option(persona, "import"), "file").GetProperty("type").GetInt32(), Is.EqualTo(11));
            Assert.That(Option(Option(persona, "preview"), "scenario").GetProperty("type").GetInt32(), Is.EqualTo(11));
            Assert.That(Option(companion, "channels").GetProperty("type").GetInt32(), Is.EqualTo(2));
            Assert.That(Option(Option(companion, "channels"), "add").GetProperty("type").GetInt32(), Is.EqualTo(1));
            Assert.That(Option(Option(Command(document, "rapport"), "view"), "numbers").GetProperty("type").GetInt32(), Is.EqualTo(5));
            var scope = Option(Command(document, "forget"), "scope");
            Assert.That(scope.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()), Is.EqualTo(new[] { "here", "everywhere" }));
        });
    }

    private static JsonElement Command(JsonDocument document, string name) =>
        document.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static JsonElement Option(JsonElement parent, string name) =>
        parent.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name);

    private static void CheckNode(JsonElement node)
    {
        var name = node.GetProperty("name").GetString()!;
        var description = node.GetProperty("description").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(name, Does.Match("^[a-z_-]{1,32}$"));
            Assert.That(description.Length, Is.InRange(1, 100), name);
        });
        if (!node.TryGetProperty("options", out var options)) return;
        foreach (var option in options.EnumerateArray())
        {
            Assert.That(KnownOptionTypes, Does.Contain(option.GetProperty("type").GetInt32()), option.GetProperty("name").GetString());
            CheckNode(option);
        }
    }
}
