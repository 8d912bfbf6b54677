using System.Text.Json.Nodes;
using CompanionBot.Commands;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordInteractionTests
{
    private const string Guild = "400000000000000001";
    private const string User = "100000000000000001";

    [Test]
    public async Task InteractionCreate_RapportViewInGuild_AnsweredAtOnceEphemeralWithNoMentions()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var receivedAt = bot.Clock.GetUtcNow();

        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000001", "rapport", "view", Guild));
        var callback = await CallbackAsync(bot, "700000000000000001");

        Assert.Multiple(() =>
        {
            Assert.That(bot.Clock.GetUtcNow() - receivedAt, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(callback.Path, Is.EqualTo("interactions/700000000000000001/token-700000000000000001/callback"));
            Assert.That(callback.Authorization, Is.Null, "interaction callbacks authenticate with the token in the path");
            Assert.That((int?)callback.Body?["type"], Is.EqualTo(4));
            Assert.That((int?)callback.Body?["data"]?["flags"], Is.EqualTo(64));
            Assert.That(callback.Body?["data"]?["allowed_mentions"]?["parse"]?.ToJsonString(), Is.EqualTo("[]"));
            Assert.That((string?)callback.Body?["data"]?["content"], Does.Contain("haven't talked yet"));
        });
    }

    [Test]
    public async Task InteractionCreate_RapportViewInDm_UsesDmScopeNotGuildScope()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "hi! nice to meet you", authorId: User));
        await bot.ReplyToAsync("500000000000000001");

        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000002", "rapport", "view", guildId: null));
        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000003", "rapport", "view", Guild));
        var inDm = await CallbackAsync(bot, "700000000000000002");
        var inGuild = await CallbackAsync(bot, "700000000000000003");

        Assert.That((string?)inDm.Body?["data"]?["content"], Does.Not.Contain("haven't talked yet").And.Contain("You met"));
        Assert.That((string?)inGuild.Body?["data"]?["content"], Does.Contain("haven't talked yet"), "the DM relationship does not leak into the guild");
    }

    [Test]
    public async Task InteractionCreate_SlowHandler_DeferredBeforeThreeSecondsThenOriginalEdited()
    {
        var slow = new SlowCommands();
        await using var bot = await DiscordHarness.StartAsync(services: s => s.AddSingleton<ISlashCommands>(slow));
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;
        var receivedAt = bot.Clock.GetUtcNow();

        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000004", "slow", null, Guild));
        await slow.Started.Task.WaitAsync(Signals<int>.Guard);
        await bot.Clock.WhenArmedAsync(DiscordInteractionHandler.DeferAfter, armed);
        Assert.That(bot.Fake.Sent("POST", "interactions/"), Is.Empty, "nothing sent while the handler may still finish in time");
        bot.Clock.Advance(DiscordInteractionHandler.DeferAfter);
        var deferral = await CallbackAsync(bot, "700000000000000004");
        var deferredAfter = bot.Clock.GetUtcNow() - receivedAt;
        slow.Finish.SetResult(new CommandReply("done, <@&123> @everyone"));
        var edit = await bot.Fake.Requests.WaitForAsync(r => r.Method == "PATCH", "the edit of the original response");

        Assert.Multiple(() =>
        {
            Assert.That(deferredAfter, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That((int?)deferral.Body?["type"], Is.EqualTo(5));
            Assert.That((int?)deferral.Body?["data"]?["flags"], Is.EqualTo(64));
            Assert.That(edit.Path, Is.EqualTo($"webhooks/{FakeDiscord.ApplicationId}/token-700000000000000004/messages/@original"));
            Assert.That((string?)edit.Body?["content"], Is.EqualTo("done, <@&123> @everyone"));
            Assert.That(edit.Body?["allowed_mentions"]?["parse"]?.ToJsonString(), Is.EqualTo("[]"));
        });
    }

    [Test]
    public async Task InteractionCreate_HandlerThrows_AnswersPlainlyWithoutExceptionText()
    {
        await using var bot = await DiscordHarness.StartAsync(services: s => s.AddSingleton<ISlashCommands>(new ThrowingCommands()));
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000005", "boom", null, Guild));
        var callback = await CallbackAsync(bot, "700000000000000005");

        Assert.That((string?)callback.Body?["data"]?["content"], Is.EqualTo(DiscordInteractionHandler.Failed));
        Assert.That(callback.Body!.ToJsonString(), Does.Not.Contain("secret-detail"));
    }

    [Test]
    public async Task InteractionCreate_Replayed_AnsweredOnce()
    {
        await using var bot = await DiscordHarness.StartAsync();
        var gateway = await bot.ReadyAsync();
        var interaction = Interaction("700000000000000006", "rapport", "view", Guild);

        await gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        await gateway.DispatchAsync("INTERACTION_CREATE", interaction.DeepClone());
        await gateway.DispatchAsync("INTERACTION_CREATE", Interaction("700000000000000007", "rapport", "view", Guild));
        await CallbackAsync(bot, "700000000000000006");
        await CallbackAsync(bot, "700000000000000007");

        Assert.That(bot.Fake.Sent("POST", "interactions/700000000000000006/"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_GuildInteraction_ReadsInvokerPermissionsAndSubcommand()
    {
        var json = Interaction("1", "rapport", "view", Guild);
        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());

        var parsed = CompanionBot.Transport.Discord.Payloads.InteractionCreate.Parse(document.RootElement)!;

        Assert.Multiple(() =>
        {
            Assert.That(parsed.InvokerId, Is.EqualTo(User));
            Assert.That(parsed.MemberPermissions, Is.EqualTo(1UL << 5));
            Assert.That(parsed.Subcommand, Is.EqualTo("view"));
            Assert.That(parsed.GuildId, Is.EqualTo(Guild));
        });
    }

    private static Task<RecordedRequest> CallbackAsync(DiscordHarness bot, string interactionId) =>
        bot.Fake.Requests.WaitForAsync(r => r.Path.StartsWith($"interactions/{interactionId}/", StringComparison.Ordinal), $"the callback for {interactionId}");

    internal static JsonObject Interaction(string id, string name, string? subcommand, string? guildId)
    {
        var user = new JsonObject { ["id"] = User, ["username"] = "sam" };
        var data = new JsonObject { ["id"] = "800", ["name"] = name, ["type"] = 1 };
        if (subcommand is not null) data["options"] = new JsonArray(new JsonObject { ["type"] = 1, ["name"] = subcommand });
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = FakeDiscord.ApplicationId,
            ["type"] = 2,
            ["token"] = "token-" + id,
            ["version"] = 1,
            ["channel_id"] = "300000000000000001",
            ["data"] = data,
        };
        if (guildId is null)
        {
            interaction["user"] = user;
            interaction["context"] = 1;
        }
        else
        {
            interaction["guild_id"] = guildId;
            interaction["member"] = new JsonObject { ["user"] = user, ["roles"] = new JsonArray(), ["permissions"] = "32" };
            interaction["context"] = 0;
        }
        return interaction;
    }

    private sealed class SlowCommands : ISlashCommands
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<CommandReply> Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public JsonArray Registration() => [];

        public async Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Started.SetResult();
            return await Finish.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class ThrowingCommands : ISlashCommands
    {
        public JsonArray Registration() => [];

        public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret-detail");
    }
}
