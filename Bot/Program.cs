using CompanionBot.Hosting;
using CompanionBot.Terminal;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C ends the mode cleanly; a second one, if that ever hangs, ends the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
return await BotProgram.RunAsync(args, ConsoleIo.System, cancellationToken: stop.Token);
