using CompanionBot.Commands;
using CompanionBot.Personas;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Commands;

public sealed class PersonaPermissionTests
{
    private static readonly Dictionary<string, string> SetTeasing = new() { ["field"] = "teasing", ["value"] = "0.2" };

    [TestCase(0UL)]
    [TestCase(CommandKit.SendMessages)]
    [TestCase(CommandKit.SendMessages | (1UL << 4))]
    public async Task PersonaSet_MemberWithoutManageServer_IsRefusedAndNothingChanges(ulong permissions)
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Request("persona", "set", "g1", "m1", permissions, SetTeasing));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.Contain("Manage Server"));
            Assert.That(kit.Versions.History("guild:g1"), Is.Empty);
            Assert.That(kit.Personas.For("guild:g1").Teasing, Is.EqualTo(Engine.DefaultPersona.Teasing));
        });
    }

    [TestCase("set")]
    [TestCase("import")]
    [TestCase("rollback")]
    [TestCase("reset")]
    public async Task Persona_FromDmWithForgedManageServerBits_IsRefused(string subcommand)
    {
        using var kit = new CommandKit();
        var request = kit.Request("persona", subcommand, guild: null, permissions: ulong.MaxValue, options: SetTeasing, attachment: DefaultPersona.Yaml);
        var reply = await kit.RunAsync(request);
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.Contain("no server to moderate in DMs"));
            Assert.That(kit.Versions.History("dm"), Is.Empty);
        });
    }

    [Test]
    public async Task PersonaSet_ManageServerBitInThisInvocation_SavesANewVersion()
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Request("persona", "set", "g1", "mod1", CommandKit.ManageGuild | CommandKit.SendMessages, SetTeasing));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.StartWith("Saved as version 1"));
            Assert.That(kit.Personas.For("guild:g1").Teasing, Is.EqualTo(0.2));
            Assert.That(kit.Personas.For("guild:g2").Teasing, Is.EqualTo(Engine.DefaultPersona.Teasing), "another server keeps its own persona");
        });
    }

    [Test]
    public async Task PersonaSet_SameModeratorLaterWithoutTheBit_IsRefused()
    {
        using var kit = new CommandKit();
        await kit.RunAsync(kit.Request("persona", "set", "g1", "mod1", CommandKit.ManageGuild, SetTeasing));
        var later = await kit.RunAsync(kit.Request("persona", "reset", "g1", "mod1", CommandKit.SendMessages));
        Assert.Multiple(() =>
        {
            Assert.That(later.Text, Does.Contain("Manage Server"));
            Assert.That(kit.Versions.CurrentVersion("guild:g1"), Is.EqualTo(1));
        });
    }

    [TestCase("stats")]
    [TestCase("channels add")]
    public async Task Companion_MemberWithoutManageServer_IsRefused(string subcommand)
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Request("companion", subcommand, "g1", "m1", CommandKit.SendMessages,
            new Dictionary<string, string> { ["channel"] = "555" }));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.Contain("Manage Server"));
            Assert.That(kit.Channels.AnswersWithoutMention("g1", "555"), Is.False);
        });
    }

    [Test]
    public void ParseBits_DiscordPermissionString_ReadsManageGuild()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ModeratorCheck.ParseBits("32") & ModeratorCheck.ManageGuild, Is.Not.Zero);
            Assert.That(ModeratorCheck.ParseBits("2048") & ModeratorCheck.ManageGuild, Is.Zero);
            Assert.That(ModeratorCheck.ParseBits("not a number"), Is.Zero);
            Assert.That(ModeratorCheck.ParseBits(null), Is.Zero);
        });
    }
}
