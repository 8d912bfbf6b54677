using System.Text.Json.Nodes;
using CompanionBot.Commands;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using CompanionBot.Transport.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>Interaction responses against a fake that enforces Discord's rules (Receiving and Responding).</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordInteractionRulesTests
{
    private const string Guild = "400000000000000001";

    /// <summary>Receiving and Responding, "Interaction Callback Type": DEFERRED_UPDATE_MESSAGE (6) carries no data.</summary>
    [Test]
    public async Task ButtonPress_SlowHandler_DeferredUpdateWithoutDataThenOriginalEdited()
    {
        var slow = new HeldCommands();
        await using var bot = await DiscordHarness.StartAsync(services: s => s.AddSingleton<ISlashCommands>(slow));
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;
        var press = DiscordInteractionTests.Interaction("720000000000000001", "forget", null, Guild);
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = "confirm|forget|", ["component_type"] = 2 };

        await gateway.DispatchAsync("INTERACTION_CREATE", press);
        await bot.Clock.WhenArmedAsync(DiscordInteractionHandler.DeferAfter, armed);
        bot.Clock.Advance(DiscordInteractionHandler.DeferAfter);
        var deferral = await bot.Fake.Requests.WaitForAsync(r => r.Path.StartsWith("interactions/720000000000000001/", StringComparison.Ordinal), "the deferral");
        slow.Finish.SetResult(new CommandReply("done"));
        var edit = await bot.Fake.Requests.WaitForAsync(r => r.Method == "PATCH", "the edit of the original");

        Assert.Multiple(() =>
        {
            Assert.That((int?)deferral.Body?["type"], Is.EqualTo(6));
            Assert.That(deferral.Body?.AsObject().ContainsKey("data"), Is.False);
            Assert.That(deferral.Status, Is.EqualTo(204), "accepted by a fake that refuses data on type 6");
            Assert.That(edit.Status, Is.EqualTo(200));
        });
    }

    /// <summary>
    /// Receiving and Responding, "Responding to an Interaction": 3 s to acknowledge, so a callback gets a short timeout
    /// and no retry; when its answer is lost the acknowledgement may still have arrived, so the original is edited.
    /// </summary>
    [Test]
    public async Task Deferral_AnswerLost_NotRetriedAndOriginalEdited()
    {
        var slow = new HeldCommands();
        var lost = new TaskCompletionSource();
        await using var bot = await DiscordHarness.StartAsync(f => f.Hold = r => r.Path.EndsWith("/callback", StringComparison.Ordinal) ? lost.Task : null,
            services: s => s.AddSingleton<ISlashCommands>(slow));
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordInteractionTests.Interaction("720000000000000002", "slow", null, Guild));
        await bot.Clock.WhenArmedAsync(DiscordInteractionHandler.DeferAfter, armed);
        bot.Clock.Advance(DiscordInteractionHandler.DeferAfter);
        await bot.Fake.Requests.WaitForAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), "the deferral");
        await bot.Clock.WhenArmedAsync(DiscordApi.CallbackTimeout, armed);
        bot.Clock.Advance(DiscordApi.CallbackTimeout);
        slow.Finish.SetResult(new CommandReply("done"));
        var edit = await bot.Fake.Requests.WaitForAsync(r => r.Method == "PATCH", "the edit of the original");
        lost.SetResult();

        Assert.That(bot.Fake.Sent("POST", "interactions/720000000000000002/"), Has.Count.EqualTo(1), "the callback is never retried");
        Assert.That(edit.Status, Is.EqualTo(200), "the acknowledgement had arrived, so the edit lands");
    }

    /// <summary>Receiving and Responding: a second acknowledgement is refused with 40060; the bot then edits the original.</summary>
    [Test]
    public async Task Deferral_AlreadyAcknowledged40060_EditsTheOriginal()
    {
        var slow = new HeldCommands();
        await using var bot = await DiscordHarness.StartAsync(f => f.Script = r => r.Path.EndsWith("/callback", StringComparison.Ordinal)
                ? FakeDiscordRules.Error(400, 40060, "Interaction has already been acknowledged.") : null,
            services: s => s.AddSingleton<ISlashCommands>(slow));
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordInteractionTests.Interaction("720000000000000003", "slow", null, Guild));
        await bot.Clock.WhenArmedAsync(DiscordInteractionHandler.DeferAfter, armed);
        bot.Clock.Advance(DiscordInteractionHandler.DeferAfter);
        slow.Finish.SetResult(new CommandReply("done"));

        var edit = await bot.Fake.Requests.WaitForAsync(r => r.Method == "PATCH", "the edit of the original");
        Assert.That(edit.Path, Does.EndWith("/token-720000000000000003/messages/@original"));
    }

    private sealed class HeldCommands : ISlashCommands
    {
        public TaskCompletionSource<CommandReply> Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public JsonArray Registration() => [];

        public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Finish.Task.WaitAsync(cancellationToken);
    }
}
