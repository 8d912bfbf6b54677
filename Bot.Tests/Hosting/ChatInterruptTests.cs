using System.Net;
using System.Net.Sockets;
using CompanionBot.Hosting;
using CompanionBot.Terminal;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Hosting;

/// <summary>
/// Ctrl-C in terminal chat (the cancellation token the program's Ctrl-C handler fires) ends the chat at once: while it
/// waits for a line nobody types, and while a reply is being written. The waits below are guards against a hang,
/// not timing: each test goes on only after the program has reached the state it cancels in.
/// </summary>
public sealed class ChatInterruptTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Chat_CtrlCWhileWaitingForALine_EndsAtOnceWithExitZero()
    {
        using var dir = new TempDirectory();
        using var input = new WaitingReader("hey");
        var output = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        var run = BotProgram.RunAsync(["chat", "--db", dir.File("c.db")], new ConsoleIo(input, output, new StringWriter()), Offline, ctrlC.Token);

        await input.Waiting.WaitAsync(HangGuard);
        ctrlC.Cancel();
        var exit = await run.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(input.EndedInput, Is.False, "the chat ended on Ctrl-C, not on end of input");
            Assert.That(output.ToString(), Does.Contain("Ella (offline voice):"), "the line before Ctrl-C was answered");
            Assert.That(output.ToString(), Does.EndWith("bye." + Environment.NewLine));
        });
    }

    [Test]
    public async Task Chat_CtrlCWhileTheModelIsWriting_EndsAtOnceAndStoresNoHalfTurn()
    {
        using var dir = new TempDirectory();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var config = new Dictionary<string, string?>(Offline)
            {
                // A model endpoint that accepts the connection and never answers.
                ["Llm:Endpoint"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1",
                ["Llm:Model"] = "m",
                ["Llm:MaxRetries"] = "0",
            };
            using var input = new WaitingReader("hey");
            var output = new StringWriter();
            using var ctrlC = new CancellationTokenSource();
            var run = BotProgram.RunAsync(["chat", "--db", dir.File("c.db")], new ConsoleIo(input, output, new StringWriter()), config, ctrlC.Token);

            using var modelCall = await listener.AcceptTcpClientAsync().WaitAsync(HangGuard);
            ctrlC.Cancel();
            var exit = await run.WaitAsync(HangGuard);

            Assert.That(exit, Is.Zero);
            Assert.That(output.ToString(), Does.Not.Contain("Ella"), "no reply was written");
            var (_, after, _) = await ProgramRun.RunAsync("/rapport\n", null, "chat", "--db", dir.File("c.db"));
            Assert.That(after, Does.Contain("haven't talked yet"), "the interrupted turn left nothing stored");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task ReadLineAsync_CancelledWhileBlocked_ThrowsWithoutWaitingForTheLine()
    {
        using var input = new WaitingReader();
        var io = new ConsoleIo(input, TextWriter.Null, TextWriter.Null);
        using var ctrlC = new CancellationTokenSource();
        var read = io.ReadLineAsync(ctrlC.Token);
        await input.Waiting.WaitAsync(HangGuard);

        ctrlC.Cancel();

        Assert.That(async () => await read.WaitAsync(HangGuard), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(input.EndedInput, Is.False);
    }

    private static readonly Dictionary<string, string?> Offline = new() { ["Discord:Token"] = "", ["Llm:Endpoint"] = "" };
}
