using CompanionBot.Hosting;
using CompanionBot.Pipeline;
using CompanionBot.Tests.LanguageModel;
using Microsoft.Extensions.DependencyInjection;
using CompanionBot.Terminal;

namespace CompanionBot.Tests.Hosting;

/// <summary>The history window through the real pipeline and host: per (scope, member), never across scopes.</summary>
public sealed class PipelineHistoryTests
{
    [Test]
    public async Task HandleAsync_CanaryInGuildA_NeverReachesTheModelFromDmOrGuildB()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-history-").FullName;
        try
        {
            await using var server = await FakeChatServer.StartAsync(TimeProvider.System);
            using var host = CompanionHost.Build(new Dictionary<string, string?>
            {
                ["Llm:Endpoint"] = server.Endpoint,
                ["Llm:Model"] = "m",
                ["Storage:DatabasePath"] = Path.Combine(dir, "bot.db"),
            }, Mode.Chat);
            var pipeline = host.Services.GetRequiredService<ConversationPipeline>();
            var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
            var sent = 0;
            Task Say(RelationshipKey key, string text) =>
                pipeline.HandleAsync(new InboundMessage($"m{++sent}", key, "c", "u1", text, now.AddMinutes(sent)), CancellationToken.None);

            await Say(RelationshipKey.InGuild("A", "u1"), "canary-7781 is my secret");
            await Say(RelationshipKey.Dm("u1"), "hi");
            await Say(RelationshipKey.InGuild("B", "u1"), "hi");
            await Say(RelationshipKey.InGuild("A", "u1"), "remember?");

            var bodies = server.Requests.Select(r => r.Body.ToJsonString()).ToArray();
            Assert.That(bodies, Has.Length.EqualTo(4));
            Assert.That(bodies[1], Does.Not.Contain("canary-7781"), "DM prompt");
            Assert.That(bodies[2], Does.Not.Contain("canary-7781"), "guild B prompt");
            Assert.That(bodies[3], Does.Contain("canary-7781"), "guild A keeps its own history (the test can see a canary)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
