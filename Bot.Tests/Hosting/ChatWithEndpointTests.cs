using CompanionBot.Hosting;
using CompanionBot.Prompting;
using CompanionBot.Tests.LanguageModel;
using CompanionBot.Terminal;

namespace CompanionBot.Tests.Hosting;

/// <summary>The whole program in-process: terminal chat talking to a loopback fake endpoint through config.</summary>
public sealed class ChatWithEndpointTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("chat-llm-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task RunAsync_ChatWithEndpointConfigured_RepliesThroughTheModelWithHistory()
    {
        await using var server = await FakeChatServer.StartAsync(TimeProvider.System, FakeResponse.Ok("hey yourself. who is this?"), FakeResponse.Ok("nice to meet you, jake"));
        var output = new StringWriter();
        var errors = new StringWriter();
        var io = new ConsoleIo(new StringReader("hey there\ni'm jake\n/quit\n"), output, errors);
        var config = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.Endpoint,
            ["Llm:Model"] = "m",
            ["Llm:ApiKey"] = "k-secret-value",
            ["Storage:DatabasePath"] = Path.Combine(_dir, "bot.db"),
        };

        var exit = await BotProgram.RunAsync(["chat"], io, config);

        Assert.That(exit, Is.EqualTo(0), errors.ToString());
        Assert.That(output.ToString(), Does.Contain("Ella: (Heads up: Ella is an AI companion, not a person. AI companions may not be suitable for some minors.)\n\nhey yourself. who is this?"),
            "the model's words, after the AI disclosure that code adds at first contact");
        Assert.That(output.ToString(), Does.Contain("Ella: nice to meet you, jake"));
        Assert.That(output.ToString(), Does.Not.Contain("offline voice"));
        var second = server.Requests[1];
        Assert.That(second.LastUser, Is.EqualTo(PromptText.Delimit("i'm jake")));
        Assert.That(second.Messages.Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "system", "user", "assistant", "user" }));
        Assert.That(second.Messages[2]!["content"]!.GetValue<string>(), Does.StartWith("hey yourself"));
        Assert.That(output + errors.ToString(), Does.Not.Contain("k-secret-value"));
    }

    [Test]
    public async Task RunAsync_EndpointDown_OfflineVoiceAndExitZero()
    {
        var config = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:Model"] = "m",
            ["Llm:MaxRetries"] = "0",
            ["Storage:DatabasePath"] = Path.Combine(_dir, "bot.db"),
        };
        var output = new StringWriter();
        var io = new ConsoleIo(new StringReader("hey\n"), output, new StringWriter());

        var exit = await BotProgram.RunAsync(["chat"], io, config);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain("(offline voice)"));
    }

    [TestCase("Llm:MaxRetries", "99")]
    [TestCase("Llm:Model", "")]
    [TestCase("Llm:Endpoint", "not a url")]
    public async Task RunAsync_BadLlmSetting_ConfigurationErrorNamesTheKey(string key, string value)
    {
        var config = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:Model"] = "m",
            ["Storage:DatabasePath"] = Path.Combine(_dir, "bot.db"),
            [key] = value,
        };
        var errors = new StringWriter();

        var exit = await BotProgram.RunAsync(["chat"], new ConsoleIo(new StringReader(""), new StringWriter(), errors), config);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(errors.ToString(), Does.Contain("configuration error").And.Contain(key));
    }
}
