using CompanionBot.Hosting;
using CompanionBot.Terminal;
using CompanionBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompanionBot.Tests.Hosting;

/// <summary>
/// Issue #22 on terminal chat: a stop (SIGTERM: the console lifetime tells the host to stop, as
/// <see cref="IHostApplicationLifetime.StopApplication"/> does here) while a line waits out its burst answers it at once
/// and exits 0; starting again answers nothing twice. The waits are guards against a hang, not timing.
/// </summary>
public sealed class ChatGracefulStopTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Chat_StopWhileALineWaitsInItsBurst_AnsweredOnceAndNotAgainAfterTheRestart()
    {
        using var dir = new TempDirectory();
        var config = new Dictionary<string, string?> { ["Discord:Token"] = "", ["Llm:Endpoint"] = "", ["Conversation:BurstQuietSeconds"] = "60" };
        using var input = new WaitingReader("hey, you around?");
        var output = new StringWriter();
        var lifetime = new TaskCompletionSource<IHostApplicationLifetime>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = BotProgram.RunAsync(["chat", "--db", dir.File("c.db")], new ConsoleIo(input, output, new StringWriter()), config, CancellationToken.None,
            services => services.AddHostedService(sp => new LifetimeProbe(sp.GetRequiredService<IHostApplicationLifetime>(), lifetime)));

        await input.Waiting.WaitAsync(HangGuard); // the line was read and waits in its 60 s burst; the chat waits for the next
        Assert.That(output.ToString(), Does.Not.Contain("Ella"), "nothing answered before the stop");
        (await lifetime.Task.WaitAsync(HangGuard)).StopApplication();
        var exit = await run.WaitAsync(HangGuard);

        Assert.That(exit, Is.Zero);
        Assert.That(Count(output.ToString(), "Ella (offline voice):"), Is.EqualTo(1), "answered at once, not after the burst's 60 s");
        var (again, after, _) = await ProgramRun.RunAsync("", config, "chat", "--db", dir.File("c.db"));
        Assert.That(again, Is.Zero);
        Assert.That(after, Does.Not.Contain("Ella"), "the next start answers nothing twice");
        Assert.That(File.Exists(dir.File("unanswered.json")), Is.False);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private sealed class LifetimeProbe(IHostApplicationLifetime lifetime, TaskCompletionSource<IHostApplicationLifetime> found) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            found.TrySetResult(lifetime);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
