using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>
/// Every bad setting stops the program before it starts with exactly one line naming the key, exit code 2, and no
/// stack trace: values that cannot be read as their type and values out of range, across the options sections.
/// </summary>
public sealed class SettingsErrorTests
{
    private static readonly object[] BadSettings =
    [
        new object[] { "Storage:BusyTimeoutSeconds", "abc", "Storage:BusyTimeoutSeconds must be a whole number, got 'abc'" },
        new object[] { "Flood:MemberMessages", "banana", "Flood:MemberMessages must be a whole number, got 'banana'" },
        new object[] { "Llm:RetryJitter", "lots", "Llm:RetryJitter must be a number (a dot for decimals), got 'lots'" },
        new object[] { "Llm:AssistAppraisal", "maybe", "Llm:AssistAppraisal must be true or false, got 'maybe'" },
        new object[] { "Discord:ShardIds:0", "first", "Discord:ShardIds:0 must be a whole number, got 'first'" },
        new object[] { "Storage:BusyTimeoutSeconds", "-3", "Storage:BusyTimeoutSeconds must be between 0 and 600, got -3" },
        new object[] { "Prompt:MaxPromptTokens", "10", "Prompt:MaxPromptTokens must be between 500 and 200000, got 10" },
        new object[] { "Flood:ServerWindowSeconds", "0", "Flood:ServerWindowSeconds must be between 1 and 3600, got 0" },
        new object[] { "Llm:RetryJitter", "1.5", "Llm:RetryJitter must be between 0 and 1, got 1.5" },
        new object[] { "Discord:ShardCount", "0", "Discord:ShardCount must be between 1 and 10000, got 0" },
        new object[] { "Storage:Provider", "mysql", "Storage:Provider must be sqlite or postgres" },
        new object[] { "Logging:LogLevel:Default", "banana", "Logging:LogLevel:Default must be one of Trace, Debug, Information, Warning, Error, Critical, None, got 'banana'" },
    ];

    [TestCaseSource(nameof(BadSettings))]
    public async Task Start_BadSetting_OneLineNamingTheKeyAndExitTwo(string key, string value, string expected)
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = await ProgramRun.RunAsync("hello\n", new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = dir.File("c.db"),
            [key] = value,
        }, "chat");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(Lines(error), Is.EqualTo(new[] { "configuration error: " + expected }));
            Assert.That(output, Is.Empty, "nothing ran");
            Assert.That(File.Exists(dir.File("c.db")), Is.False, "the database is not touched");
        });
    }

    [Test]
    public async Task Start_TwoBadSettings_OneLineForEach()
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = await ProgramRun.RunAsync("", new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = dir.File("c.db"),
            ["Storage:HistoryTurnsKept"] = "many",
            ["Flood:MemberMessages"] = "0",
        }, "chat");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Lines(error), Is.EquivalentTo(new[]
        {
            "configuration error: Storage:HistoryTurnsKept must be a whole number, got 'many'",
            "configuration error: Flood:MemberMessages must be between 1 and 1000, got 0",
        }));
    }

    [Test]
    public async Task Start_BadSettingInDiscordMode_SameLineBeforeAnyConnection()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", new Dictionary<string, string?>
        {
            ["Discord:Token"] = "not-a-real-token",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
            ["Flood:MemberMessages"] = "banana",
        }, "discord");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Lines(error), Is.EqualTo(new[] { "configuration error: Flood:MemberMessages must be a whole number, got 'banana'" }));
    }

    [Test]
    public async Task Start_BadStringSetting_DoesNotEchoTheValue()
    {
        var (exit, _, error) = await ProgramRun.RunAsync("", new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = "secret-looking-value",
            ["Llm:Model"] = "m",
        }, "chat");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Lines(error), Is.EqualTo(new[] { "configuration error: Llm:Endpoint must be an absolute http(s) URL such as http://localhost:11434/v1" }));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
