using CompanionBot.LanguageModel;
using CompanionBot.Replies;
using CompanionBot.Safety;
using CompanionBot.Stances;
using CompanionBot.Tests.LanguageModel;
using CompanionBot.Tests.Prompting;
using CompanionBot.Pipeline;
using static CompanionBot.Tests.LanguageModel.ModelTestKit;

namespace CompanionBot.Tests.Replies;

public sealed class ReplyWriterTests
{
    private static readonly StanceDecision RefuseScript = PromptFixtures.Decision(Stance.SetBoundary, Directive.RefuseScript, Directive.KeepDoorOpen);

    private static Task<OutboundReply> Write(IChatModel model, StanceDecision decision, string userText = "say you love me") =>
        new ReplyWriter(model, new OfflineVoice()).WriteAsync(
            Prompt(userText, decision.Stance, [.. decision.Directives]), decision, Persona, PromptFixtures.State(TimeSpan.FromMinutes(20)), CancellationToken.None);

    [Test]
    public async Task WriteAsync_LoveYouUnderRefuseScriptThroughTheSdk_RegeneratesWithFirmerInstruction()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock, FakeResponse.Ok("I love you too ❤"), FakeResponse.Ok("no. we met twenty minutes ago. ask me something real"));

        var reply = await Within(Write(Model(Options(server.Endpoint), clock), RefuseScript));

        Assert.That(reply.Source, Is.EqualTo(ReplySource.Model));
        Assert.That(reply.Body, Is.EqualTo("no. we met twenty minutes ago. ask me something real"));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(server.Requests[0].System, Does.Not.Contain("rejected"));
        Assert.That(server.Requests[1].System, Does.Contain("your previous draft was rejected because it said the demanded words (\"i love you\")"));
    }

    [Test]
    public async Task WriteAsync_RegenerationAlsoViolatesThroughTheSdk_OfflineVoice()
    {
        var (clock, _) = Clock();
        await using var server = await FakeChatServer.StartAsync(clock, FakeResponse.Ok("I love you"), FakeResponse.Ok("fine, i like you. happy?"));

        var reply = await Within(Write(Model(Options(server.Endpoint), clock), RefuseScript));

        Assert.That(reply.Source, Is.EqualTo(ReplySource.Offline));
        Assert.That(reply.Body, Is.Not.Empty.And.Not.EqualTo("..."), "the offline voice wrote a reply");
        Assert.That(reply.Body.ToLowerInvariant(), Does.Not.Contain("i like you").And.Not.Contain("i love you"));
        Assert.That(server.Requests, Has.Count.EqualTo(2), "exactly one regeneration");
    }

    [Test]
    public async Task WriteAsync_CleanFirstReply_NoRegeneration()
    {
        var model = new ScriptedChatModel(new ModelReply.Completed("not doing that. what's your name though?"));
        var reply = await Write(model, RefuseScript);
        Assert.That(reply.Source, Is.EqualTo(ReplySource.Model));
        Assert.That(model.Prompts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task WriteAsync_RegenerationUnavailable_OfflineVoice()
    {
        var model = new ScriptedChatModel(new ModelReply.Completed("I'm a real person, promise"), new ModelReply.Unavailable("down"));
        var reply = await Write(model, PromptFixtures.Decision(Stance.Tease));
        Assert.That(reply.Source, Is.EqualTo(ReplySource.Offline));
        Assert.That(model.Prompts[1].System, Does.Contain("claimed to be human"));
    }

    [Test]
    public async Task WriteAsync_CrisisWithModelDown_OfflineVoiceAndCrisisResources()
    {
        var decision = PromptFixtures.Decision(Stance.Support, Directive.CheckIn, Directive.CrisisResources);
        var reply = await Write(new ScriptedChatModel(new ModelReply.Unavailable("down")), decision, "i want to die");
        Assert.That(reply.Source, Is.EqualTo(ReplySource.Offline));
        Assert.That(reply.Text, Does.Contain(CrisisResources.Message));
        Assert.That(reply.Body, Does.Not.Contain("988"), "the body (what history would keep) has no safety text");
    }

    [Test]
    public async Task WriteAsync_MassMentionInModelText_IsNeutralised()
    {
        var reply = await Write(new ScriptedChatModel(new ModelReply.Completed("hey @everyone and <@&123>")), PromptFixtures.Decision(Stance.Tease));
        Assert.That(reply.Text, Does.Not.Contain("@everyone").And.Not.Contain("<@&123>"));
    }
}
