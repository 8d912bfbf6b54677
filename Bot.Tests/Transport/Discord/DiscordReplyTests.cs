using CompanionBot.LanguageModel;
using CompanionBot.Prompting;
using CompanionBot.Tests.Transport.Discord.Fakes;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace CompanionBot.Tests.Transport.Discord;

/// <summary>How a reply goes out: long replies in order, typing kept alive while the model is slow.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class DiscordReplyTests
{
    [Test]
    public async Task Reply_LongerThanOneMessage_PartsSentInOrderEachLockedDown()
    {
        // Just under the reply guard's 2000-character cap; the AI disclosure added by code pushes it past one message.
        var words = string.Join(" ", Enumerable.Range(0, 220).Select(i => $"word{i:D4}"));
        await using var bot = await DiscordHarness.StartAsync(services: s => s.AddSingleton<IChatModel>(new ScriptedModel(_ => Task.FromResult(words))));
        var gateway = await bot.ReadyAsync();

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000001", "tell me everything"));
        await bot.ReplyToAsync("500000000000000001");
        await bot.Logs.WaitForAsync(l => l.Contains("Answered message 500000000000000001", StringComparison.Ordinal), "all parts sent");

        var parts = bot.Fake.Sent("POST", "channels/").Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        var text = string.Join(" ", parts.Select(p => (string)p.Body!["content"]!));
        Assert.Multiple(() =>
        {
            Assert.That(parts, Has.Count.GreaterThan(1));
            Assert.That(parts.Select(p => ((string)p.Body!["content"]!).Length), Is.All.LessThanOrEqualTo(2000));
            Assert.That(parts.Select(p => p.Body!["allowed_mentions"]?["parse"]?.ToJsonString()), Is.All.EqualTo("[]"));
            Assert.That(parts.Select(p => (string?)p.Body!["nonce"]), Is.Unique);
            Assert.That((string?)parts[0].Body!["message_reference"]?["message_id"], Is.EqualTo("500000000000000001"));
            Assert.That(text.IndexOf("word0000", StringComparison.Ordinal), Is.GreaterThan(-1).And.LessThan(text.IndexOf("word0110", StringComparison.Ordinal)));
            Assert.That(text.IndexOf("word0110", StringComparison.Ordinal), Is.LessThan(text.IndexOf("word0219", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task Reply_SlowModel_TypingRepostedUntilTheReplyIsSent()
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await DiscordHarness.StartAsync(services: s => s.AddSingleton<IChatModel>(new ScriptedModel(_ => answer.Task)));
        var gateway = await bot.ReadyAsync();
        var armed = bot.Clock.Armed.Count;

        await gateway.DispatchAsync("MESSAGE_CREATE", DiscordHarness.Message("500000000000000002", "thinking of something?"));
        await bot.Clock.WhenArmedAsync(TypingIndicator.ShowAfter, armed);
        Assert.That(bot.Fake.Sent("POST", "channels/300000000000000001/typing"), Is.Empty, "no typing before the reply is known to take a while");
        bot.Clock.Advance(TypingIndicator.ShowAfter);
        await bot.Clock.WhenArmedAsync(TypingIndicator.RepostEvery, armed);
        Assert.That(bot.Fake.Sent("POST", "channels/300000000000000001/typing"), Has.Count.EqualTo(1));
        var armedAgain = bot.Clock.Armed.Count;
        bot.Clock.Advance(TypingIndicator.RepostEvery);
        await bot.Clock.WhenArmedAsync(TypingIndicator.RepostEvery, armedAgain);
        var typingWhileThinking = bot.Fake.Sent("POST", "channels/300000000000000001/typing").Count;
        answer.SetResult("there you go");
        await bot.ReplyToAsync("500000000000000002");

        Assert.That(typingWhileThinking, Is.EqualTo(2));
    }

    private sealed class ScriptedModel(Func<ChatPrompt, Task<string>> answer) : IChatModel
    {
        public bool IsConfigured => true;

        public async Task<ModelReply> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken) =>
            new ModelReply.Completed(await answer(prompt).WaitAsync(cancellationToken));
    }
}
