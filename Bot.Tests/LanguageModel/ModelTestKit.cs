using CompanionBot.Common;
using CompanionBot.LanguageModel;
using CompanionBot.Personas;
using CompanionBot.Prompting;
using CompanionBot.Stances;
using CompanionBot.Tests.Prompting;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.LanguageModel;

/// <summary>A fixed random source: jitter becomes predictable.</summary>
public sealed class FixedRandom(double value) : IRandomSource
{
    public double NextDouble() => value;
}

internal static class ModelTestKit
{
    public static LlmOptions Options(string endpoint, Action<LlmOptions>? tune = null)
    {
        var options = new LlmOptions
        {
            Endpoint = endpoint,
            Model = "m",
            ApiKey = "k-test-secret",
            MaxRetries = 3,
            RetryBaseDelaySeconds = 0.5,
            RetryMaxDelaySeconds = 8,
            RetryJitter = 0.25,
            RetryAfterCapSeconds = 20,
            AttemptTimeoutSeconds = 10,
            DeadlineSeconds = 25,
            BreakerFailureThreshold = 100,
            BreakerCooldownSeconds = 30,
        };
        tune?.Invoke(options);
        return options;
    }

    public static (ManualTimeProvider Clock, TimerWatch Timers) Clock()
    {
        var clock = new ManualTimeProvider();
        return (clock, new TimerWatch(clock));
    }

    public static OpenAiChatModel Model(LlmOptions options, TimeProvider time, double random = 0) =>
        new(options, time, new FixedRandom(random));

    public static PersonaConfig Persona => PromptFixtures.Persona;

    public static ChatPrompt Prompt(string userText, Stance stance = Stance.Tease, params Directive[] directives) =>
        new PromptComposer().Compose(
            Persona, PromptFixtures.State(TimeSpan.FromMinutes(20)), PromptFixtures.Decision(stance, directives), PromptFixtures.Message(userText));

    /// <summary>Real time, bounded: a test that hangs fails instead of blocking the run.</summary>
    public static async Task<T> Within<T>(Task<T> task, int seconds = 20)
    {
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.That(finished, Is.SameAs(task), "the call did not finish");
        return await task;
    }
}
