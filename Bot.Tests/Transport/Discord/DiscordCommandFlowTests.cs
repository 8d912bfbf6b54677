using System.Text.Json.Nodes;
using CompanionBot.Storage;
using CompanionBot.Tests.Transport.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>The member and moderator commands end to end through the real transport and a fake Discord.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordCommandFlowTests
{
    private const string Guild = "400000000000000001";
    private const string User = "100000000000000001";

    private static JsonObject Command(string id, string name, string? subcommand, string permissions, JsonArray? options = null)
    {
        var interaction = DiscordInteractionTests.Interaction(id, name, subcommand, Guild);
        interaction["member"]!["permissions"] = permissions;
        if (options is not null)
        {
            var target = subcommand is null ? interaction["data"]!.AsObject() : interaction["data"]!["options"]![0]!.AsObject();
            target["options"] = options;
        }
        return interaction;
    }

    private static Task<RecordedRequest> CallbackAsync(DiscordHarness bot, string id) =>
        bot.Fake.Requests.WaitForAsync(r => r.Path.StartsWith($"interactions/{id}/", StringComparison.Ordinal), $"the callback for {id}");

    [Test]
    public async Task PersonaSet_ForgedPayloadWithoutManageServer_IsRefusedAndNothingChanges()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var options = new JsonArray(
            new JsonObject { ["type"] = 3, ["name"] = "field", ["value"] = "teasing" },
            new JsonObject { ["type"] = 3, ["name"] = "value", ["value"] = "0.1" });
        await gateway.DispatchAsync("INTERACTION_CREATE", Command("710000000000000001", "persona", "set", permissions: "0", options));
        var callback = await CallbackAsync(bot, "710000000000000001");
        Assert.That((string?)callback.Body?["data"]?["content"], Does.Contain("Manage Server"));
        Assert.That(bot.Services.GetRequiredService<CompanionBot.Personas.IPersonaProvider>().For("guild:" + Guild).Teasing, Is.EqualTo(0.6));
    }

    [Test]
    public async Task Forget_ButtonConfirmation_DeletesAndReplacesTheConfirmation()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var mention = DiscordHarness.Message("500000000000000009", $"<@{FakeDiscord.BotUserId}> hey there", authorId: User, guildId: Guild);
        await gateway.DispatchAsync("MESSAGE_CREATE", mention);
        await bot.ReplyToAsync("500000000000000009");
        var ledger = bot.Services.GetRequiredService<ILedgerStore>();
        Assert.That(ledger.Find(RelationshipKey.InGuild(Guild, User)), Is.Not.Null);

        await gateway.DispatchAsync("INTERACTION_CREATE", Command("710000000000000002", "forget", null, "0"));
        var ask = await CallbackAsync(bot, "710000000000000002");
        var customId = (string?)ask.Body?["data"]?["components"]?[0]?["components"]?[0]?["custom_id"];
        Assert.That(customId, Is.Not.Null.And.Not.Empty, "a confirmation button");
        Assert.That(ledger.Find(RelationshipKey.InGuild(Guild, User)), Is.Not.Null, "nothing deleted before the confirmation");

        var press = Command("710000000000000003", "forget", null, "0");
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        await gateway.DispatchAsync("INTERACTION_CREATE", press);
        var done = await CallbackAsync(bot, "710000000000000003");
        Assert.Multiple(() =>
        {
            Assert.That((int?)done.Body?["type"], Is.EqualTo(7), "the confirmation message is replaced");
            // Receiving and Responding, "Interaction Callback Type": an update cannot change ephemerality, so no flags
            Assert.That(done.Body?["data"]?.AsObject().ContainsKey("flags"), Is.False);
            Assert.That(done.Status, Is.EqualTo(204), "the fake, like Discord, accepted the update");
            Assert.That(ledger.Find(RelationshipKey.InGuild(Guild, User)), Is.Null);
        });
    }

    [Test]
    public async Task Export_SendsMyDataAsAFileInAMultipartAnswer()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000010", "hi, i'm sam. what are you listening to?", authorId: User));
        await bot.ReplyToAsync("500000000000000010");

        var dm = DiscordInteractionTests.Interaction("710000000000000004", "export", null, guildId: null);
        await gateway.DispatchAsync("INTERACTION_CREATE", dm);
        var callback = await CallbackAsync(bot, "710000000000000004");
        Assert.That(callback.Files, Is.Not.Null.And.Count.EqualTo(1));
        var file = callback.Files!.Values.Single();
        Assert.That(file, Does.Contain("what are you listening to?"));
        Assert.That(callback.Body?["data"]?["allowed_mentions"]?["parse"]?.ToJsonString(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task Registration_IsTheCatalogWithModeratorPermissions()
    {
        await using var bot = await DiscordHarness.StartAsync();
        await bot.ReadyAsync();
        var put = await bot.Fake.Requests.WaitForAsync(r => r.Method == "PUT", "the command registration");
        var persona = put.Body!.AsArray().Single(c => (string?)c!["name"] == "persona")!;
        var rapport = put.Body!.AsArray().Single(c => (string?)c!["name"] == "rapport")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)persona["default_member_permissions"], Is.EqualTo("32"));
            Assert.That(persona["contexts"]!.ToJsonString(), Is.EqualTo("[0]"), "not offered in DMs");
            Assert.That(rapport["default_member_permissions"], Is.Null);
        });
    }

    [Test]
    public async Task ChannelsAdd_ByAModerator_ThenPlainMessagesThereAreAnswered()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        const string channel = "300000000000000077";
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000020", "anyone around?", guildId: Guild, channelId: channel));
        var options = new JsonArray(new JsonObject { ["type"] = 7, ["name"] = "channel", ["value"] = channel });
        var add = Command("710000000000000005", "companion", null, "32");
        add["data"]!["options"] = new JsonArray(new JsonObject
        {
            ["type"] = 2, ["name"] = "channels",
            ["options"] = new JsonArray(new JsonObject { ["type"] = 1, ["name"] = "add", ["options"] = options }),
        });
        await gateway.DispatchAsync("INTERACTION_CREATE", add);
        var answer = await CallbackAsync(bot, "710000000000000005");
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000021", "anyone around now?", guildId: Guild, channelId: channel));
        await bot.ReplyToAsync("500000000000000021");

        Assert.That((string?)answer.Body?["data"]?["content"], Does.Contain(channel));
        Assert.That(bot.Fake.Sent("POST", $"channels/{channel}/messages"), Has.Count.EqualTo(1), "only the message after the setting was answered");
        Assert.That(bot.Services.GetRequiredService<ICounterReader>().Read("guild:" + Guild).Any(c => c.Value > 0), Is.True, "stance counts per server");
    }
}
