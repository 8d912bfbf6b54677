namespace CompanionBot.Tests.Commands;

/// <summary>/persona preview shows the offline voice: banks and facts without a file, the reply of every turn with one.</summary>
public sealed class PersonaPreviewVoiceTests
{
    [Test]
    public async Task PersonaPreview_NoFile_ShowsBanksFactsAndNoticedWords()
    {
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(kit.Moderator("preview"));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.StartWith("Ella's offline voice"));
            Assert.That(reply.Text, Does.Contain("- acknowledge: ").And.Contain("asks_how_i_feel"));
            Assert.That(reply.Text, Does.Contain("- move: ").And.Contain("refuse_script"));
            Assert.That(reply.Text, Does.Contain("facts: music (3)"));
            Assert.That(reply.Text, Does.Contain("asked_about_me → \"you ask actual questions"));
            Assert.That(reply.Text.Length, Is.LessThanOrEqualTo(2000));
        });
    }

    [Test]
    public async Task PersonaPreview_Scenario_ShowsTheActAndTheOfflineReplyOfEveryTurn()
    {
        using var kit = new CommandKit();
        const string scenario = """
            name: voice-check
            turns:
              - say: "what kind of music do you actually like?"
            """;
        var reply = await kit.RunAsync(kit.Moderator("preview", attachment: scenario));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Does.Contain("· question_about_me"));
            Assert.That(reply.Text, Does.Contain("\n   → "));
        });
    }
}
