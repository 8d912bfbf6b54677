using CompanionBot.Hosting;
using CompanionBot.Terminal;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await BotProgram.RunAsync(args, ConsoleIo.System, cancellationToken: stop.Token);
